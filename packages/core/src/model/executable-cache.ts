import type { Backend, Executable, GraphDescription } from "../backend/backend.js";
import type { MobileNetV1Config } from "../config/config.js";
import { buildGraph, type GraphOutput } from "../graph/build-graph.js";
import type { MobileNetV1Options } from "../graph/graph-options.js";
import { buildInt8Graph } from "../quantize/int8-graph.js";
import type { Int8Params } from "../quantize/int8-params.js";

/** Which graph an executable runs: its outputs, feature layers, and for size-dependent graphs the input size. */
export interface ExecutableRequest {
  readonly outputs: readonly GraphOutput[];
  readonly featureLayers: readonly string[];
  /** Only for graphs built for one input size (TF-slim's pooling head). */
  readonly inputSize?: { readonly height: number; readonly width: number };
}

/**
 * A model's executables, one per requested output set (and feature layers, and input size when the graph
 * depends on it), each created on first use by `create`. Separate executables keep the default logits-only
 * path free of hidden-state outputs. A creation that fails is forgotten, so the next request tries again.
 *
 * @example
 * const cache = new ExecutableCache({ create: (request) => backend.createExecutable({ graph: build(request) }) });
 * const a = cache.get({ outputs: ["logits"], featureLayers: [] });
 * a === cache.get({ outputs: ["logits"], featureLayers: [] }) // true: built once
 */
export class ExecutableCache {
  private executables = new Map<string, Promise<Executable>>();
  private readonly create: (request: ExecutableRequest) => Promise<Executable>;

  constructor(params: { create: (request: ExecutableRequest) => Promise<Executable> }) {
    this.create = params.create;
  }

  /** The executable for `request`, created the first time it is asked for. */
  get(request: ExecutableRequest): Promise<Executable> {
    const key = executableKey(request);
    let executable = this.executables.get(key);
    if (!executable) {
      executable = this.create(request);
      this.executables.set(key, executable);
      executable.catch(() => this.executables.delete(key));
    }
    return executable;
  }

  /**
   * Forgets every executable and disposes those that were created (ones that failed are skipped). Later
   * requests create new executables, so a model can move to another backend, or run after `dispose()`.
   */
  async clear(): Promise<void> {
    const old = this.executables;
    this.executables = new Map();
    await Promise.all([...old.values()].map(async (e) => (await e.catch(() => undefined))?.dispose()));
  }
}

/** Order-independent: `["logits", "hidden_states"]` and `["hidden_states", "logits"]` share an executable. */
function executableKey(request: ExecutableRequest): string {
  let key = [...request.outputs].sort().join(",");
  if (request.featureLayers.length > 0) key += `|${[...request.featureLayers].sort().join(",")}`;
  if (request.inputSize) key += `|${request.inputSize.height}x${request.inputSize.width}`;
  return key;
}

/**
 * The graph a model's executable runs for `request`: the int8 graph when the model is quantized, else the
 * float32 one over `weights` (as external data when the backend takes weights that way).
 *
 * @example
 * modelGraph({ config, options, quantization: undefined, weights, backend, request: { outputs: ["logits"], featureLayers: [] } })
 * // the float32 graph with one output, "logits"
 */
export function modelGraph(params: {
  config: MobileNetV1Config;
  options: Required<MobileNetV1Options>;
  quantization: Int8Params | undefined;
  weights: ReadonlyMap<string, Float32Array>;
  backend: Backend;
  request: ExecutableRequest;
}): GraphDescription {
  const { config, options, quantization, weights } = params;
  const { outputs, featureLayers, inputSize } = params.request;
  if (quantization) {
    return buildInt8Graph({ config, params: quantization, outputs, featureLayers, options, inputSize });
  }
  return buildGraph({
    config,
    weights: (k) => weights.get(k)!,
    outputs,
    featureLayers,
    options,
    inputSize,
    externalWeights: params.backend.externalWeights === true,
  });
}
