import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/backend.js";
import { MobileNetV1Config } from "../config/config.js";
import { InputError, MobileNetError } from "../errors/errors.js";
import { Tensor } from "../tensor.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import { MobileNetV1Model } from "./mobilenet-v1-model.js";
import { findNonFinite, NonFiniteInputError, NonFiniteOutputError } from "./non-finite.js";
import { topK } from "./top-k.js";

const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 4, imageSize: 32 });
const dims = [2, 3, 32, 32];
const size = 2 * 3 * 32 * 32;

/** A backend whose graphs return `logits` whatever the input, and count how often they ran. */
function fakeBackend(logits: Float32Array) {
  const state = { runs: 0 };
  const backend: Backend = {
    name: "fake",
    init: async () => {},
    createExecutable: async () => ({
      inputNames: ["pixel_values"],
      outputNames: ["logits"],
      run: async () => {
        state.runs++;
        return { logits: new Tensor({ dims: [2, 4], data: logits }) };
      },
      dispose: async () => {},
    }),
  };
  return { backend, state };
}

const BAD = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe("non-finite pixel values", () => {
  it("are refused before anything runs, naming the first bad index and the count (every kind, any position)", async () => {
    const { backend, state } = fakeBackend(new Float32Array(8));
    const classifier = await MobileNetV1ForImageClassification.fromConfig({ config, backend });
    const backbone = await MobileNetV1Model.fromConfig({ config, backend });
    for (const bad of BAD) {
      for (const positions of [[0], [size - 1], [1234, 1235, 5000], [...Array(size).keys()]]) {
        const data = new Float32Array(size).fill(0.5);
        for (const p of positions) data[p] = bad;
        for (const pixelValues of [new Tensor({ dims, data }), { dims, data }]) {
          const calls = [
            () => classifier.forward({ pixelValues }),
            () => backbone.forward({ pixelValues }),
            () => backbone.features({ pixelValues, layers: [3] }),
          ];
          for (const call of calls) {
            const error = await call().catch((e: unknown) => e);
            expect(error).toBeInstanceOf(NonFiniteInputError);
            expect(error).toBeInstanceOf(InputError);
            const e = error as NonFiniteInputError;
            expect([e.code, e.argument, e.firstIndex, e.count]).toEqual([
              "INPUT_INVALID",
              "pixelValues.data",
              positions[0],
              positions.length,
            ]);
            expect(e.firstValue).toBe(String(bad));
            expect(e.message).toContain(`pixelValues.data[${positions[0]}] = ${String(bad)}`);
            expect(e.message).toContain(`${positions.length} of ${size}`);
          }
        }
      }
    }
    expect(state.runs).toBe(0);
  });

  it("are refused as calibration images too, before any calibration run", async () => {
    const { backend, state } = fakeBackend(new Float32Array(8));
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend });
    for (const bad of BAD) {
      const data = new Float32Array(size);
      data[size - 2] = bad;
      const error = await model.quantize({ calibration: { dims, data } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NonFiniteInputError);
      const e = error as NonFiniteInputError;
      expect([e.argument, e.firstIndex, e.count]).toEqual(["calibration.data", size - 2, 1]);
    }
    expect(state.runs).toBe(0);
  });

  it("accepts every finite value, extremes included", async () => {
    const { backend, state } = fakeBackend(new Float32Array(8));
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend });
    const data = new Float32Array(size).fill(0.25);
    data.set([-0, 3.4028234663852886e38, -3.4028234663852886e38, 1e-45, -1e-45], 7);
    await model.forward({ pixelValues: { dims, data } });
    expect(state.runs).toBe(1);
  });
});

describe("non-finite logits", () => {
  it("from the model (finite input) are a typed model error, not NaN % predictions", async () => {
    for (const bad of BAD) {
      const logits = Float32Array.of(1, 2, 3, 4, 5, bad, 7, bad);
      const model = await MobileNetV1ForImageClassification.fromConfig({
        config,
        backend: fakeBackend(logits).backend,
      });
      const error = await model
        .forward({ pixelValues: { dims, data: new Float32Array(size) } })
        .catch((e) => e);
      expect(error).toBeInstanceOf(NonFiniteOutputError);
      expect(error).toBeInstanceOf(MobileNetError);
      expect(error).not.toBeInstanceOf(InputError);
      const e = error as NonFiniteOutputError;
      expect([e.code, e.output, e.firstIndex, e.firstValue, e.count]).toEqual([
        "MODEL_OUTPUT_NON_FINITE",
        "logits",
        5,
        String(bad),
        2,
      ]);
    }
  });

  it("handed to topK are refused with NonFiniteInputError; finite ones rank as before", () => {
    for (const bad of BAD) {
      const logits = new Tensor({ dims: [2, 3], data: Float32Array.of(0, 1, 2, 3, bad, 5) });
      const error = (() => {
        try {
          topK({ logits, id2label: {}, k: 2 });
        } catch (e) {
          return e;
        }
      })() as NonFiniteInputError;
      expect(error).toBeInstanceOf(NonFiniteInputError);
      expect([error.argument, error.firstIndex, error.count]).toEqual(["logits.data", 4, 1]);
    }
    const ok = topK({
      logits: new Tensor({ dims: [1, 3], data: Float32Array.of(0, 2, 1) }),
      id2label: {},
      k: 1,
    });
    expect(ok[0]![0]!.index).toBe(1);
  });
});

describe("findNonFinite", () => {
  it("finds none in finite data, and the first and count otherwise", () => {
    expect(findNonFinite(new Float32Array(100))).toBeUndefined();
    // Every length around the 4-wide fast path, every position, every kind.
    for (let n = 1; n <= 9; n++) {
      for (let at = 0; at < n; at++) {
        for (const bad of BAD) {
          const data = new Float32Array(n).fill(-2.5);
          data[at] = bad;
          expect(findNonFinite(data)).toEqual({ firstIndex: at, firstValue: String(bad), count: 1 });
        }
      }
    }
    expect(findNonFinite(Float32Array.of(1, Number.NaN, 2, Number.NEGATIVE_INFINITY))).toEqual({
      firstIndex: 1,
      firstValue: "NaN",
      count: 2,
    });
  });

  it("reads float32 bits right: every finite extreme passes, every NaN payload and sign is caught", () => {
    const finite = Float32Array.of(
      3.4028234663852886e38,
      -3.4028234663852886e38,
      1e-45,
      -1e-45,
      0,
      -0,
      1.17549435e-38,
    );
    expect(findNonFinite(finite)).toBeUndefined();
    const bits = new Int32Array(3);
    bits[0] = 0x7fc00000; // quiet NaN
    bits[1] = 0xffc00001 | 0; // negative NaN with a payload
    bits[2] = 0x7f800001; // signalling NaN
    expect(findNonFinite(new Float32Array(bits.buffer))).toMatchObject({ firstIndex: 0, count: 3 });
    // A view into a larger buffer: only its own elements count.
    const backing = new Float32Array([Number.NaN, 1, 2, 3, Number.NaN]);
    expect(findNonFinite(backing.subarray(1, 4))).toBeUndefined();
    // Plain arrays take the arithmetic path.
    expect(findNonFinite([1, 2, Number.POSITIVE_INFINITY])).toMatchObject({ firstIndex: 2, count: 1 });
  });
});
