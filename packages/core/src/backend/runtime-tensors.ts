/**
 * Core tensors to a runtime's tensors and back, for backends on onnxruntime. onnxruntime-node and
 * onnxruntime-web share onnxruntime-common's `Tensor` (`new Tensor(type, data, dims)`; `type`, `dims`,
 * `data` on results), so one conversion serves both. Core stays free of any runtime: the backend hands in
 * its own `Tensor` constructor, and results are read through the three fields above.
 */
import { BackendError, InputError } from "../errors/errors.js";
import { type DataType, Tensor } from "../tensor.js";

/** A runtime tensor as the conversion reads it (onnxruntime-common's `Tensor` has these fields). */
export interface RuntimeTensorLike {
  /** Element type name, e.g. `"float32"`. */
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** A runtime's tensor constructor, as onnxruntime-common declares it: `(type, data, dims)`. */
export type RuntimeTensorConstructor<R> = new (
  type: DataType,
  data: Float32Array | BigInt64Array | Int32Array,
  dims: readonly number[],
) => R;

const DATA_TYPES: readonly string[] = ["float32", "int64", "int32"] satisfies readonly DataType[];

/**
 * One runtime tensor per input name, wrapping (not copying) each core tensor's data.
 *
 * @throws InputError (`argument: "feeds.<name>"`) when an input has no tensor.
 * @example
 * const ortFeeds = toRuntimeFeeds({ feeds: { pixel_values: t }, inputNames: ["pixel_values"], Tensor: ort.Tensor });
 * ortFeeds.pixel_values.dims // [1, 3, 224, 224]
 */
export function toRuntimeFeeds<R>(params: {
  feeds: Readonly<Record<string, Tensor<DataType>>>;
  /** The graph's inputs, in its order. */
  inputNames: readonly string[];
  /** The runtime's tensor class, e.g. onnxruntime-node's `ort.Tensor`. */
  Tensor: RuntimeTensorConstructor<R>;
}): Record<string, R> {
  const out: Record<string, R> = {};
  for (const name of params.inputNames) {
    const t = params.feeds[name];
    if (!t) throw new InputError({ argument: `feeds.${name}`, value: undefined, expected: "a tensor" });
    out[name] = new params.Tensor(t.dtype, t.data, [...t.dims]);
  }
  return out;
}

/**
 * One core tensor per output name, sharing each runtime result's data (runtimes return fresh arrays, so
 * they stay valid after later runs).
 *
 * @throws BackendError when the runtime returned no tensor for an output, or one of a type core does not
 *   carry (anything but float32, int64, int32).
 * @example
 * const out = fromRuntimeOutputs({ results: await session.run(ortFeeds), outputNames: ["logits"], runtime: "onnxruntime-node" });
 * out.logits.dims // [1, 1001]
 */
export function fromRuntimeOutputs(params: {
  results: Readonly<Record<string, RuntimeTensorLike | undefined>>;
  /** The graph's outputs, in its order. */
  outputNames: readonly string[];
  /** The runtime's name, for error messages, e.g. `"onnxruntime-web"`. */
  runtime: string;
}): Record<string, Tensor<DataType>> {
  const out: Record<string, Tensor<DataType>> = {};
  for (const name of params.outputNames) {
    const r = params.results[name];
    if (!r)
      throw new BackendError({ message: `${params.runtime} returned no output ${JSON.stringify(name)}` });
    if (!DATA_TYPES.includes(r.type)) {
      throw new BackendError({
        message: `${params.runtime} returned output ${JSON.stringify(name)} of type ${r.type}: expected one of ${DATA_TYPES.join(", ")}`,
      });
    }
    out[name] = new Tensor({
      dims: r.dims,
      data: r.data as Float32Array,
      dtype: r.type as "float32",
    });
  }
  return out;
}
