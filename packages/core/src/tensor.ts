import { InputError } from "./errors/errors.js";

/** Element types the SDK moves between core and backends. */
export type DataType = "float32" | "int64" | "int32";

type DataFor<T extends DataType> = T extends "float32"
  ? Float32Array
  : T extends "int64"
    ? BigInt64Array
    : Int32Array;

/**
 * A dense row-major tensor: what core hands to a backend and gets back.
 * It owns no device memory, so any backend can read it.
 *
 * @example
 * const t = new Tensor({ dims: [1, 3, 224, 224] }); // zeros
 * t.size // 150528
 */
export class Tensor<T extends DataType = "float32"> {
  readonly dtype: T;
  readonly dims: readonly number[];
  readonly data: DataFor<T>;

  constructor(params: { dims: readonly number[]; data?: DataFor<T>; dtype?: T }) {
    const dtype = (params.dtype ?? "float32") as T;
    for (const d of params.dims) {
      if (!Number.isInteger(d) || d < 0) {
        throw new InputError({ argument: "dims", value: params.dims, expected: "non-negative integers" });
      }
    }
    const size = params.dims.reduce((a, b) => a * b, 1);
    const data = params.data ?? (allocate(dtype, size) as DataFor<T>);
    if (data.length !== size) {
      throw new InputError({
        argument: "data.length",
        value: data.length,
        expected: `${size} elements for dims [${params.dims.join(", ")}]`,
      });
    }
    this.dtype = dtype;
    this.dims = Object.freeze([...params.dims]);
    this.data = data;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }
}

function allocate(dtype: DataType, size: number) {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "int64":
      return new BigInt64Array(size);
    case "int32":
      return new Int32Array(size);
  }
}
