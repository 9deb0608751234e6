import { describe, expect, it } from "vitest";
import { rawZip } from "../../test/hostile-zip.js";
import { MobileNetV1Config } from "../config/config.js";
import { NonFiniteWeightsError } from "../errors/errors.js";
import { parameterPlan } from "../graph/architecture.js";
import { Tensor } from "../tensor.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import type { StateDict } from "../weights/state-dict.js";
import { readTorchBin } from "../weights/torch-bin-reader.js";
import { checkStateDict } from "./check-state-dict.js";
import { randomInitWeights } from "./random-init.js";

const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 3 });
const plan = parameterPlan({ config, withClassifier: true });
const bnKey = plan.find((s) => s.kind === "bn-weight")!;
const check = (stateDict: StateDict, allowMissing = false) =>
  checkStateDict({ config, stateDict, withClassifier: true, file: "w", allowMissing: () => allowMissing });

function nonFinite(run: () => unknown): NonFiniteWeightsError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(NonFiniteWeightsError);
    return e as NonFiniteWeightsError;
  }
  throw new Error("the weights were accepted");
}

/** A full float32 state dict through a real .safetensors file, with `poison` applied to its arrays first. */
function viaSafetensors(poison: (weights: Map<string, Float32Array>) => void) {
  const weights = randomInitWeights({ config, withClassifier: true });
  poison(weights);
  const tensors = new Map(
    [...weights].map(([k, data]) => [k, new Tensor({ dims: plan.find((s) => s.key === k)!.dims, data })]),
  );
  return readSafetensors({ bytes: writeSafetensors({ tensors }) }).tensors;
}

describe("non-finite weights are a typed load error", () => {
  it("finite weights load", () => {
    expect(check(viaSafetensors(() => {})).weights.size).toBe(plan.length);
  });

  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`float32 ${bad} anywhere in a tensor (first, middle, last element): named with its counts`, () => {
      const key = plan.at(-2)!.key;
      const e = nonFinite(() =>
        check(
          viaSafetensors((w) => {
            const data = w.get(key)!;
            data[0] = bad;
            data[data.length >> 1] = bad;
            data[data.length - 1] = bad;
          }),
        ),
      );
      const nan = Number.isNaN(bad) ? 3 : 0;
      expect(e.tensors).toEqual([{ key, nan, infinite: 3 - nan }]);
      expect(e).toMatchObject({ code: "WEIGHTS_NON_FINITE", tensorCount: 1, valueCount: 3, file: "w" });
      expect(e.message).toContain(`${key} (${nan} NaN, ${3 - nan} ±Infinity)`);
    });
  }

  it("many poisoned tensors: the first few are listed, the rest counted", () => {
    const e = nonFinite(() => check(viaSafetensors((w) => w.forEach((data) => data.fill(Number.NaN, 0, 2)))));
    expect(e.tensorCount).toBe(plan.length);
    expect(e.tensors).toHaveLength(NonFiniteWeightsError.MAX_LISTED);
    expect(e.valueCount).toBe(2 * plan.length);
    expect(e.message).toMatch(new RegExp(`and ${plan.length - NonFiniteWeightsError.MAX_LISTED} more`));
  });

  // Each dtype's bit patterns for +Inf and NaN, little-endian; all become float32 when read.
  const n = bnKey.dims[0]!;
  const dtypes: [string, number, (view: DataView, i: number, v: "inf" | "nan" | "one") => void][] = [
    ["F16", 2, (d, i, v) => d.setUint16(i * 2, v === "inf" ? 0x7c00 : v === "nan" ? 0x7e00 : 0x3c00, true)],
    ["BF16", 2, (d, i, v) => d.setUint16(i * 2, v === "inf" ? 0x7f80 : v === "nan" ? 0x7fc0 : 0x3f80, true)],
    ["F64", 8, (d, i, v) => d.setFloat64(i * 8, v === "inf" ? Infinity : v === "nan" ? Number.NaN : 1, true)],
  ];
  for (const [dtype, size, put] of dtypes) {
    it(`${dtype} safetensors holding Inf and NaN: the converted float32 weights are refused`, () => {
      const header = new TextEncoder().encode(
        JSON.stringify({ [bnKey.key]: { dtype, shape: [n], data_offsets: [0, n * size] } }),
      );
      const bytes = new Uint8Array(8 + header.length + n * size);
      const view = new DataView(bytes.buffer);
      view.setBigUint64(0, BigInt(header.length), true);
      bytes.set(header, 8);
      const data = new DataView(bytes.buffer, 8 + header.length);
      for (let i = 0; i < n; i++) put(data, i, "one");
      expect(check(readSafetensors({ bytes }).tensors, true).weights.get(bnKey.key)![0]).toBe(1);
      put(data, 0, "inf");
      put(data, n - 1, "nan");
      const e = nonFinite(() => check(readSafetensors({ bytes }).tensors, true));
      expect(e.tensors).toEqual([{ key: bnKey.key, nan: 1, infinite: 1 }]);
    });
  }

  it("a pytorch_model.bin (float32 and float64 storages) holding NaN is refused", () => {
    const enc = new TextEncoder();
    const str = (s: string) => [0x8c, s.length, ...enc.encode(s)];
    const glob = (m: string, name: string) => [0x63, ...enc.encode(`${m}\n${name}\n`)];
    const int = (v: number) => [0x4a, v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255];
    for (const [storage, array] of [
      ["FloatStorage", Float32Array],
      ["DoubleStorage", Float64Array],
    ] as const) {
      const pickle = Uint8Array.from([
        ...[0x80, 2, 0x7d, ...str(bnKey.key), ...glob("torch._utils", "_rebuild_tensor_v2"), 0x28],
        ...[
          0x28,
          ...str("storage"),
          ...glob("torch", storage),
          ...str("0"),
          ...str("cpu"),
          ...int(n),
          0x74,
          0x51,
        ],
        ...[...int(0), 0x28, ...int(n), 0x74, 0x28, ...int(1), 0x74, 0x89, 0x4e, 0x74, 0x52, 0x73, 0x2e],
      ]);
      const values = new array(n).fill(0.5);
      values[3] = Number.NaN;
      const bytes = rawZip([
        { name: "archive/data.pkl", packed: pickle },
        { name: "archive/data/0", packed: new Uint8Array(values.buffer) },
      ]);
      const e = nonFinite(() => check(readTorchBin({ bytes }), true));
      expect(e.tensors).toEqual([{ key: bnKey.key, nan: 1, infinite: 0 }]);
    }
  });
});
