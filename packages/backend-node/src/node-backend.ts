import {
  type Backend,
  BackendError,
  type DataType,
  type Executable,
  fromRuntimeOutputs,
  type GraphDescription,
  type Tensor,
  toRuntimeFeeds,
} from "@mobilenetv1/core";
import * as ort from "onnxruntime-node";

// onnxruntime-node 1.30 starts Microsoft's 1DS usage telemetry with its environment (at the first session
// in the process): an SQLite store under ~/.cache/Microsoft/DeveloperTools, an empty /tmp/mat-debug-<pid>.log
// per process, and about 15 ms of start-up. This SDK runs locally and offline, so telemetry stays off unless
// the variable is already set (ORT_DISABLE_TELEMETRY=0 keeps it on).
process.env["ORT_DISABLE_TELEMETRY"] ??= "1";

/** Options for {@link createNodeBackend}. */
export interface NodeBackendOptions {
  /** Registry name. @default "node" */
  name?: string;
  /**
   * onnxruntime execution providers, passed through (e.g. `["cuda", "cpu"]` where the binary has them).
   * @default ["cpu"]
   */
  executionProviders?: ort.InferenceSession.SessionOptions["executionProviders"];
  /** Threads inside one operator. @default 0 (onnxruntime's default: one per physical core) */
  intraOpNumThreads?: number;
  /** Extra session options, passed through to onnxruntime-node. */
  sessionOptions?: ort.InferenceSession.SessionOptions;
}

/**
 * A backend that runs core's graphs on onnxruntime-node (CPU by default).
 *
 * @example
 * import { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
 * import { createNodeBackend } from "@mobilenetv1/backend-node";
 * const model = await MobileNetV1ForImageClassification.fromPretrained("./my-model", { backend: createNodeBackend() });
 */
export function createNodeBackend(options: NodeBackendOptions = {}): Backend {
  return {
    name: options.name ?? "node",
    // Weights reach onnxruntime as in-memory external data: no 10 MB serialization on every load.
    externalWeights: true,
    async init() {
      // The native binding loads at import; a session on a 1-node graph would be the only deeper check,
      // and createExecutable reports a broken binding with the runtime's own message anyway.
      if (typeof ort.InferenceSession?.create !== "function") {
        throw new BackendError({ message: "onnxruntime-node did not load its native binding" });
      }
    },
    async createExecutable({ graph }) {
      const session = await ort.InferenceSession.create(graph.onnx, {
        ...(graph.externalData
          ? { externalData: graph.externalData.map(({ path, data }) => ({ path, data })) }
          : {}),
        executionProviders: options.executionProviders ?? ["cpu"],
        graphOptimizationLevel: "all",
        ...(options.intraOpNumThreads !== undefined ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
        ...options.sessionOptions,
      });
      return new NodeExecutable(session, graph);
    },
  };
}

class NodeExecutable implements Executable {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private session: ort.InferenceSession | undefined;
  /** onnxruntime may use external initializers in place, so their memory lives as long as the session. */
  private externalData: GraphDescription["externalData"];

  constructor(session: ort.InferenceSession, graph: GraphDescription) {
    this.session = session;
    this.externalData = graph.externalData;
    this.inputNames = graph.inputNames;
    this.outputNames = graph.outputNames;
  }

  async run(feeds: Readonly<Record<string, Tensor<DataType>>>): Promise<Record<string, Tensor<DataType>>> {
    const session = this.session;
    if (!session) throw new BackendError({ message: "this executable was disposed" });
    const ortFeeds = toRuntimeFeeds({ feeds, inputNames: this.inputNames, Tensor: ort.Tensor });
    // onnxruntime-node runs sessions on its own thread pool; concurrent run() calls on one session are
    // supported by the runtime, so no serialization is needed here.
    const results = await session.run(ortFeeds);
    return fromRuntimeOutputs({ results, outputNames: this.outputNames, runtime: "onnxruntime-node" });
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.release();
    this.externalData = undefined;
  }
}
