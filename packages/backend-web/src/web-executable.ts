import {
  BackendError,
  type DataType,
  type Executable,
  type GraphDescription,
  InputError,
  Tensor,
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
    const ort = await loadOrt();
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
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const name of this.inputNames) {
      const t = feeds[name];
      if (!t) throw new InputError({ argument: `feeds.${name}`, value: undefined, expected: "a tensor" });
      ortFeeds[name] = new this.ort.Tensor(t.dtype, t.data, [...t.dims]);
    }
    // Outputs come back as fresh typed arrays copied out of the wasm heap (or read back from the GPU),
    // so they stay valid after later runs.
    const results = await ortWebQueue.run({ task: () => session.run(ortFeeds) });
    const out: Record<string, Tensor<DataType>> = {};
    for (const name of this.outputNames) {
      const r = results[name];
      if (!r)
        throw new BackendError({ message: `onnxruntime-web returned no output ${JSON.stringify(name)}` });
      out[name] = new Tensor({ dims: r.dims, data: r.data as Float32Array, dtype: r.type as "float32" });
    }
    return out;
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    // Queued, so runs accepted before dispose finish on the live session first.
    if (session) await ortWebQueue.run({ task: () => session.release() });
  }
}
