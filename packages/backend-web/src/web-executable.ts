import {
  BackendError,
  type DataType,
  type Executable,
  fromRuntimeOutputs,
  type GraphDescription,
  type Tensor,
  toRuntimeFeeds,
} from "@mobilenetv1/core";
import type * as ort from "onnxruntime-web";
import { loadOrt, type Ort } from "./load-ort.js";
import { ortWebQueue } from "./serial-queue.js";
import type { WebDevice } from "./web-device.js";

/**
 * A graph loaded into an onnxruntime-web session. Every call into the runtime goes through
 * {@link ortWebQueue}, so concurrent `run` calls (and runs racing `dispose`) are safe.
 */
export class WebExecutable implements Executable {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The device this session runs on. */
  readonly device: WebDevice;
  private session: ort.InferenceSession | undefined;
  private readonly ort: Ort;

  private constructor(params: {
    ort: Ort;
    session: ort.InferenceSession;
    graph: GraphDescription;
    device: WebDevice;
  }) {
    this.ort = params.ort;
    this.session = params.session;
    this.inputNames = params.graph.inputNames;
    this.outputNames = params.graph.outputNames;
    this.device = params.device;
  }

  /**
   * Creates the session for `graph` on `device` (queued behind any running call).
   *
   * @example
   * const exe = await WebExecutable.create({ graph, device: "wasm" });
   * exe.outputNames // ["logits"]
   */
  static async create(params: {
    graph: GraphDescription;
    device: WebDevice;
    /** Passed through to `InferenceSession.create`; `executionProviders` is always `[device]`. */
    sessionOptions?: ort.InferenceSession.SessionOptions;
  }): Promise<WebExecutable> {
    const { graph, device } = params;
    const ort = await loadOrt({ device });
    const session = await ortWebQueue.run({
      task: () =>
        ort.InferenceSession.create(graph.onnx, {
          ...(graph.externalData
            ? { externalData: graph.externalData.map(({ path, data }) => ({ path, data })) }
            : {}),
          graphOptimizationLevel: "all",
          ...params.sessionOptions,
          executionProviders: [device],
        }),
    });
    return new WebExecutable({ ort, session, graph, device });
  }

  async run(feeds: Readonly<Record<string, Tensor<DataType>>>): Promise<Record<string, Tensor<DataType>>> {
    const session = this.session;
    if (!session) throw new BackendError({ message: "this executable was disposed" });
    const ortFeeds = toRuntimeFeeds({ feeds, inputNames: this.inputNames, Tensor: this.ort.Tensor });
    // Outputs come back as fresh typed arrays copied out of the wasm heap (or read back from the GPU),
    // so they stay valid after later runs.
    const results = await ortWebQueue.run({ task: () => session.run(ortFeeds) });
    return fromRuntimeOutputs({ results, outputNames: this.outputNames, runtime: "onnxruntime-web" });
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    // Queued, so runs accepted before dispose finish on the live session first.
    if (session) await ortWebQueue.run({ task: () => session.release() });
  }
}
