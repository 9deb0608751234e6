/**
 * Checks the naive TS reference against PyTorch (float64) numbers produced by
 * fixtures/reference/make_reference_forward_fixture.py, so that SDK graph tests can trust the reference.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  expectedKeys,
  type RefConfig,
  type RefTensor,
  randomWeights,
  referenceForward,
} from "./reference-forward.js";

interface Packed {
  dims: number[];
  f32le: string;
}
interface HiddenStats {
  dims: number[];
  mean: number;
  meanAbs: number;
  rms: number;
  sampleIndices: number[];
  sampleValues: number[];
}
interface Fixture {
  config: {
    numChannels: number;
    depthMultiplier: number;
    minDepth: number;
    layerNormEps: number;
    numLabels: number;
  };
  weightSeed: number;
  keys: { key: string; dims: number[]; sum: number; sumAbs: number }[];
  inputs: Packed[];
  cases: {
    name: string;
    inputIndex: number;
    inputScale: number;
    tfPadding: boolean;
    hiddenAct: "relu6" | "relu";
    hiddenStates: HiddenStats[];
    lastHiddenState: Packed;
    poolerOutput: Packed;
    logits: { dims: number[]; values: number[] };
  }[];
  channelRules: { depthMultiplier: number; minDepth: number; channels: number[] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/reference/mobilenet_v1_reference.json", import.meta.url), "utf8"),
) as Fixture;

const TOL = 1e-5;

function unpack(p: Packed): RefTensor {
  const bytes = Buffer.from(p.f32le, "base64");
  // Copy into a fresh (aligned) buffer; the fixture is little-endian float32, as are all supported hosts.
  const data = new Float32Array(new Uint8Array(bytes).buffer);
  return { dims: p.dims, data };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function baseConfig(overrides: Partial<RefConfig> = {}): RefConfig {
  const c = fixture.config;
  return { ...c, tfPadding: true, ...overrides };
}

describe("randomWeights", () => {
  it("produces exactly HF's keys and dims, bit-identical to the Python PRNG copy", () => {
    const config = baseConfig();
    const weights = randomWeights({ config, seed: fixture.weightSeed });
    expect([...weights.keys()]).toEqual(fixture.keys.map((k) => k.key));
    expect(expectedKeys(config)).toEqual(fixture.keys.map(({ key, dims }) => ({ key, dims })));
    for (const k of fixture.keys) {
      const t = weights.get(k.key)!;
      expect(t.dims).toEqual(k.dims);
      let sum = 0;
      let sumAbs = 0;
      for (const v of t.data) {
        sum += v;
        sumAbs += Math.abs(v);
      }
      // Python stores 12 significant digits; identical float32 values agree to that precision.
      expect(Math.abs(sum - k.sum), k.key).toBeLessThanOrEqual(1e-9 * Math.max(1, k.sumAbs));
      expect(Math.abs(sumAbs - k.sumAbs), k.key).toBeLessThanOrEqual(1e-9 * Math.max(1, k.sumAbs));
    }
  });

  it("is deterministic per seed and different across seeds", () => {
    const config = baseConfig();
    const a = randomWeights({ config, seed: 1 }).get("classifier.weight")!.data;
    const b = randomWeights({ config, seed: 1 }).get("classifier.weight")!.data;
    const c = randomWeights({ config, seed: 2 }).get("classifier.weight")!.data;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe("referenceForward vs PyTorch (float64)", () => {
  const weights = randomWeights({ config: baseConfig(), seed: fixture.weightSeed });
  const results = new Map<string, ReturnType<typeof referenceForward>>();

  for (const c of fixture.cases) {
    it(`matches torch to <= ${TOL}: ${c.name}`, () => {
      const raw = unpack(fixture.inputs[c.inputIndex]!);
      // The scale is a power of two, so this is exactly the float32 input torch saw.
      const input = { dims: raw.dims, data: raw.data.map((v) => v * c.inputScale) };
      const config = baseConfig({ tfPadding: c.tfPadding, hiddenAct: c.hiddenAct });
      const out = referenceForward({ config, weights, input });
      results.set(c.name, out);

      expect(out.hiddenStates).toHaveLength(26);
      out.hiddenStates.forEach((h, i) => {
        const want = c.hiddenStates[i]!;
        expect(h.dims, `layer ${i} dims`).toEqual(want.dims);
        let sum = 0;
        let sumAbs = 0;
        let sumSq = 0;
        for (const v of h.data) {
          sum += v;
          sumAbs += Math.abs(v);
          sumSq += v * v;
        }
        const n = h.data.length;
        expect(Math.abs(sum / n - want.mean), `layer ${i} mean`).toBeLessThanOrEqual(TOL);
        expect(Math.abs(sumAbs / n - want.meanAbs), `layer ${i} meanAbs`).toBeLessThanOrEqual(TOL);
        expect(Math.abs(Math.sqrt(sumSq / n) - want.rms), `layer ${i} rms`).toBeLessThanOrEqual(TOL);
        const got = want.sampleIndices.map((j) => h.data[j]!);
        expect(maxAbsDiff(got, want.sampleValues), `layer ${i} samples`).toBeLessThanOrEqual(TOL);
      });

      const last = unpack(c.lastHiddenState);
      expect(out.lastHiddenState.dims).toEqual(last.dims);
      expect(maxAbsDiff(out.lastHiddenState.data, last.data)).toBeLessThanOrEqual(TOL);
      expect(out.lastHiddenState).toBe(out.hiddenStates[25]);

      const pooler = unpack(c.poolerOutput);
      expect(out.poolerOutput.dims).toEqual(pooler.dims);
      expect(maxAbsDiff(out.poolerOutput.data, pooler.data)).toBeLessThanOrEqual(TOL);

      expect(out.logits?.dims).toEqual(c.logits.dims);
      expect(maxAbsDiff(out.logits!.data, c.logits.values)).toBeLessThanOrEqual(TOL);
    });
  }

  it("the fixture really exercises the ReLU6 clip (relu and relu6 differ)", () => {
    const r6 = results.get("32x32 tf")!;
    const r = results.get("32x32 tf relu")!;
    expect(Math.max(...r6.hiddenStates[1]!.data)).toBe(6);
    expect(Math.max(...r.hiddenStates[1]!.data)).toBeGreaterThan(6);
    expect(maxAbsDiff(r6.logits!.data, r.logits!.data)).toBeGreaterThan(1e-3);
  });
});

describe("randomWeights default init keeps the output input-dependent", () => {
  // Guards the reason for He init: SDK graph tests compare logits, which must react to early layers.
  it("two different inputs give clearly different deep activations and logits", () => {
    const config = baseConfig();
    const weights = randomWeights({ config, seed: 11 });
    const make = (f: number) => ({
      dims: [1, 3, 64, 64],
      data: new Float32Array(3 * 64 * 64).map((_, i) => Math.sin(i * f)),
    });
    const a = referenceForward({ config, weights, input: make(1.3) });
    const b = referenceForward({ config, weights, input: make(2.7) });
    let diff = 0;
    let norm = 0;
    a.lastHiddenState.data.forEach((v, i) => {
      diff += (v - b.lastHiddenState.data[i]!) ** 2;
      norm += v * v;
    });
    expect(Math.sqrt(diff / norm)).toBeGreaterThan(0.1);
    expect(maxAbsDiff(a.logits!.data, b.logits!.data)).toBeGreaterThan(1e-2);
  });
});

describe("channel and shape rules", () => {
  for (const rule of fixture.channelRules) {
    it(`matches Python int() truncation for dm=${rule.depthMultiplier}, min_depth=${rule.minDepth}`, () => {
      const keys = expectedKeys(
        baseConfig({ depthMultiplier: rule.depthMultiplier, minDepth: rule.minDepth }),
      );
      const convOut = keys.filter((k) => k.key.endsWith("convolution.weight")).map((k) => k.dims[0]);
      expect(convOut).toEqual(rule.channels);
    });
  }

  it("dm 1.4 truncates (44 stem, 1433 last) and depthwise weights are [C,1,3,3]", () => {
    const keys = expectedKeys(baseConfig({ depthMultiplier: 1.4, numLabels: 1000 }));
    const dims = new Map(keys.map((k) => [k.key, k.dims]));
    expect(dims.get("mobilenet_v1.conv_stem.convolution.weight")).toEqual([44, 3, 3, 3]);
    expect(dims.get("mobilenet_v1.layer.0.convolution.weight")).toEqual([44, 1, 3, 3]);
    expect(dims.get("mobilenet_v1.layer.1.convolution.weight")).toEqual([89, 44, 1, 1]);
    expect(dims.get("mobilenet_v1.layer.25.convolution.weight")).toEqual([1433, 1433, 1, 1]);
    expect(dims.get("classifier.weight")).toEqual([1000, 1433]);
    expect(keys).toHaveLength(27 * 5 + 2);
  });

  it("min_depth bites: dm 0.25 with min_depth 16 widens only the stem", () => {
    const config = baseConfig({ minDepth: 16, numLabels: 0 });
    const keys = expectedKeys(config);
    expect(keys.find((k) => k.key === "mobilenet_v1.conv_stem.convolution.weight")!.dims).toEqual([
      16, 3, 3, 3,
    ]);
    expect(keys.find((k) => k.key === "mobilenet_v1.layer.0.convolution.weight")!.dims).toEqual([
      16, 1, 3, 3,
    ]);
    expect(keys.some((k) => k.key.startsWith("classifier."))).toBe(false);
    const input = { dims: [1, 3, 9, 9], data: new Float32Array(243).fill(0.5) };
    const out = referenceForward({ config, weights: randomWeights({ config, seed: 3 }), input });
    expect(out.hiddenStates[0]!.dims).toEqual([1, 16, 5, 5]);
    expect(out.poolerOutput.dims).toEqual([1, 256]);
    expect(out.logits).toBeUndefined();
  });

  it("224x224 TF-padded spatial sizes halve at the HF strides (dm 0.25, timed)", () => {
    const config = baseConfig();
    const input = {
      dims: [1, 3, 224, 224],
      data: new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i)),
    };
    const t0 = performance.now();
    const out = referenceForward({ config, weights: randomWeights({ config, seed: 5 }), input });
    const ms = performance.now() - t0;
    const sizes = out.hiddenStates.map((h) => h.dims[2]);
    expect(sizes).toEqual([
      112,
      112,
      56,
      56,
      56,
      56,
      28,
      28,
      28,
      28,
      14,
      14,
      ...Array(10).fill(14),
      7,
      7,
      7,
      7,
    ]);
    expect(out.lastHiddenState.dims).toEqual([1, 256, 7, 7]);
    expect(ms).toBeLessThan(20_000); // generous: only guards against accidental blow-ups
  });

  it("rejects missing or mis-shaped weights instead of silently computing garbage", () => {
    const config = baseConfig();
    const weights = randomWeights({ config, seed: 1 });
    const input = { dims: [1, 3, 8, 8], data: new Float32Array(192) };
    weights.set("mobilenet_v1.layer.3.normalization.bias", { dims: [7], data: new Float32Array(7) });
    expect(() => referenceForward({ config, weights, input })).toThrow(/layer\.3\.normalization\.bias/);
    weights.delete("mobilenet_v1.layer.3.normalization.bias");
    expect(() => referenceForward({ config, weights, input })).toThrow(/missing/);
  });
});
