import { describe, expect, it } from "vitest";
import { ActivationHistogram } from "./activation-histogram.js";
import { biasCorrection } from "./bias-correction.js";
import { foldBatchNorm } from "./fold-batch-norm.js";
import { quantParamsForRange } from "./int8-params.js";
import { dequantizePerChannel, quantizeBias, quantizePerChannel, roundHalfEven } from "./quantize-weights.js";

describe("foldBatchNorm", () => {
  it("matches BN(conv(x)) = conv'(x) + b' on a worked example (the TSDoc's)", () => {
    const { weight, bias } = foldBatchNorm({
      weight: new Float32Array([1, 2]),
      gamma: new Float32Array([2]),
      beta: new Float32Array([1]),
      mean: new Float32Array([0.5]),
      variance: new Float32Array([3]),
      eps: 1,
    });
    expect([...weight]).toEqual([1, 2]);
    expect([...bias]).toEqual([0.5]);
  });

  it("equals PyTorch's eval-mode BatchNorm2d on a dot product, per channel", () => {
    const w = new Float32Array([0.3, -0.7, 1.1, 0.05, -0.2, 0.9]);
    const p = {
      gamma: Float32Array.of(1.5, 0.25),
      beta: Float32Array.of(-0.1, 0.4),
      mean: Float32Array.of(0.2, -1),
      variance: Float32Array.of(0.04, 2.5),
    };
    const x = [0.5, 2, -1];
    const { weight, bias } = foldBatchNorm({ weight: w, ...p, variance: p.variance, eps: 1e-3 });
    for (let o = 0; o < 2; o++) {
      const conv = x.reduce((s, v, i) => s + v * w[o * 3 + i]!, 0);
      const bn =
        ((conv - p.mean[o]!) / Math.sqrt(p.variance[o]! + Math.fround(1e-3))) * p.gamma[o]! + p.beta[o]!;
      const folded = x.reduce((s, v, i) => s + v * weight[o * 3 + i]!, 0) + bias[o]!;
      expect(folded).toBeCloseTo(bn, 6);
    }
  });
});

describe("per-channel int8 weights", () => {
  it("scales each channel by max|w| / 127 and rounds half to even (the TSDoc's example)", () => {
    const { data, scale } = quantizePerChannel({
      weight: new Float64Array([0.5, -1, 0.25, 0.125]),
      channels: 2,
    });
    expect([...data]).toEqual([64, -127, 127, 64]);
    expect([...scale]).toEqual([Math.fround(1 / 127), Math.fround(0.25 / 127)]);
    expect([...dequantizePerChannel({ data, scale })].map((v) => Math.round(v * 1e4) / 1e4)).toEqual([
      0.5039, -1, 0.25, 0.126,
    ]);
  });

  it("keeps an all-zero channel at zero with scale 1", () => {
    const { data, scale } = quantizePerChannel({ weight: new Float64Array([0, 0, 3, -3]), channels: 2 });
    expect([...data]).toEqual([0, 0, 127, -127]);
    expect(scale[0]).toBe(1);
  });

  it("rounds ties to even like ONNX QuantizeLinear", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6].map(roundHalfEven)).toEqual([
      0, 2, 2, -0, -2, -2, 2, -3,
    ]);
  });

  it("puts the bias in units of input scale × weight scale", () => {
    expect([
      ...quantizeBias({
        bias: new Float64Array([0.5, -0.3]),
        inputScale: 0.25,
        weightScale: new Float32Array([0.5, 0.1]),
      }),
    ]).toEqual([4, -12]);
  });
});

describe("activation ranges", () => {
  it("maps ReLU6's [0, 6] to uint8 with zero point 0 and [-1, 1] pixels to zero point 128", () => {
    expect(quantParamsForRange({ min: 0, max: 6, dtype: "uint8" })).toEqual({
      scale: Math.fround(6 / 255),
      zeroPoint: 0,
    });
    expect(quantParamsForRange({ min: 0, max: 6, dtype: "int8" })).toEqual({
      scale: Math.fround(6 / 255),
      zeroPoint: -128,
    });
    expect(quantParamsForRange({ min: -1, max: 1, dtype: "uint8" }).zeroPoint).toBe(128);
    expect(quantParamsForRange({ min: 0, max: 0, dtype: "uint8" })).toEqual({ scale: 1, zeroPoint: 0 });
  });

  it("histogram clips: minmax keeps the outlier, percentile drops it, mse weighs rounding against clipping", () => {
    const uniform = (n: number) => Float32Array.from({ length: n }, (_, i) => (i % 1000) / 1000); // [0, 1)
    const h = new ActivationHistogram();
    h.add(uniform(2_000_000));
    h.add(Float32Array.of(0, 0, 50)); // zeros and one outlier after the range was set: the bins double
    expect(h.hi).toBeGreaterThanOrEqual(50);
    expect(h.zeros).toBe(2002);
    expect(h.clip({ method: "minmax" })).toBe(50);
    expect(h.clip({ method: "percentile", percentile: 99.9 })).toBeLessThan(1.1);
    // Expected error N·(c/255)²/12 + (50 − c)² is least near c = 100 / (N / 390150 + 2) ≈ 14 for N = 2e6.
    expect(h.clip({ method: "mse" })).toBeGreaterThan(12);
    expect(h.clip({ method: "mse" })).toBeLessThan(16);
    // With few values, rounding them coarsely costs less than clipping the outlier: mse keeps it.
    const few = new ActivationHistogram();
    few.add(uniform(1000));
    few.add(Float32Array.of(50));
    expect(few.clip({ method: "mse" })).toBeGreaterThan(50 - 50 / 512); // within a bin or two of the max
  });
});

describe("biasCorrection", () => {
  it("removes the mean shift Σ (w_q − w) · E[x] (the TSDoc's example)", () => {
    const out = biasCorrection({
      weight: new Float64Array([0.3, 1]),
      quantized: new Int8Array([1, 4]),
      scale: new Float32Array([0.25]),
      bias: new Float64Array([0]),
      groups: 1,
      inputMeans: new Float64Array([2, 0]),
    });
    expect(out[0]).toBeCloseTo(0.1, 12);
  });

  it("uses each depthwise channel's own input mean over its taps", () => {
    // 2 channels, 2 taps each; channel 1's quantized weights are 0.1 too large per tap, its input mean is 3.
    const out = biasCorrection({
      weight: new Float64Array([1, 1, 0.4, 0.4]),
      quantized: new Int8Array([10, 10, 5, 5]),
      scale: new Float32Array([0.1, 0.1]),
      bias: new Float64Array([1, 1]),
      groups: 2,
      inputMeans: new Float64Array([7, 3]),
    });
    expect(out[0]).toBeCloseTo(1, 6);
    expect(out[1]).toBeCloseTo(1 - 2 * 0.1 * 3, 6);
  });
});
