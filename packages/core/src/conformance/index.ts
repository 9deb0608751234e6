import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/backend.js";
import { buildGraph, NUM_HIDDEN_STATES, PIXEL_VALUES } from "../graph/build-graph.js";
import { MobileNetV1ForImageClassification } from "../model/for-image-classification.js";
import { MobileNetV1Model } from "../model/mobilenet-v1-model.js";
import { CONFORMANCE_CASES } from "./cases.js";
import { conformanceConfig, conformanceInput, conformanceStateDict } from "./fixture-model.js";

export { CONFORMANCE_CASES, type ConformanceCase } from "./cases.js";
export { conformanceConfig, conformanceInput, conformanceStateDict } from "./fixture-model.js";

/**
 * The suite every backend package runs against itself (as tfjs re-runs one suite per backend):
 * numbers for several padding modes and input sizes, hidden states, dynamic sizes on one executable,
 * concurrent runs, batches, and dispose. Call it from a `*.test.ts` in the backend's package.
 *
 * @example
 * // packages/backend-node/src/conformance.test.ts
 * import { runBackendConformance } from "@mobilenetv1/core/conformance";
 * runBackendConformance({ name: "node", createBackend: () => createNodeBackend() });
 */
export function runBackendConformance(params: {
  name: string;
  createBackend: () => Backend | Promise<Backend>;
  /** Max abs difference allowed against the expected numbers. @default 1e-4 */
  atol?: number;
}): void {
  const atol = params.atol ?? 1e-4;
  const backend = async () => {
    const b = await params.createBackend();
    await b.init();
    return b;
  };

  describe(`backend conformance: ${params.name}`, () => {
    it("has a name and initializes more than once", async () => {
      const b = await backend();
      expect(typeof b.name).toBe("string");
      await b.init();
    });

    for (const c of CONFORMANCE_CASES) {
      it(`matches the reference logits and pooler output: ${c.name}`, async () => {
        const config = conformanceConfig({ tfPadding: c.tfPadding });
        const stateDict = conformanceStateDict(config);
        const model = await MobileNetV1ForImageClassification.fromStateDict({
          config,
          stateDict,
          backend: await backend(),
        });
        const { logits, hiddenStates } = await model.forward({
          pixelValues: conformanceInput(c.inputDims),
          outputHiddenStates: true,
        });
        expect(logits.dims).toEqual([c.inputDims[0], 4]);
        expectClose(Array.from(logits.data), c.logits, atol);
        expect(hiddenStates).toHaveLength(NUM_HIDDEN_STATES);
        expect(hiddenStates!.at(-1)!.dims.slice(2)).toEqual(c.lastSpatial);
        const base = await MobileNetV1Model.fromStateDict({ config, stateDict, backend: await backend() });
        const { poolerOutput } = await base.forward({ pixelValues: conformanceInput(c.inputDims) });
        const heads = [];
        for (let b = 0; b < c.inputDims[0]; b++)
          heads.push(...poolerOutput.data.slice(b * poolerOutput.dims[1]!, b * poolerOutput.dims[1]! + 4));
        expectClose(heads, c.poolerHead, atol);
        await model.dispose();
        await base.dispose();
      });
    }

    it("runs one executable at several input sizes (padding follows the input)", async () => {
      const b = await backend();
      const cases = CONFORMANCE_CASES.filter((c) => c.tfPadding);
      const config = conformanceConfig({ tfPadding: true });
      const stateDict = conformanceStateDict(config);
      const graph = buildGraph({
        config,
        weights: (k) => stateDict.get(k)!.data as Float32Array,
        outputs: ["logits"],
      });
      const exe = await b.createExecutable({ graph });
      for (const c of cases) {
        const r = await exe.run({ [PIXEL_VALUES]: conformanceInput(c.inputDims) });
        expectClose(Array.from(r["logits"]!.data as Float32Array), c.logits, atol);
      }
      await exe.dispose();
    });

    it("runs weights given as external data exactly as inline ones, if it declares externalWeights", async () => {
      const b = await backend();
      const c = CONFORMANCE_CASES.find((x) => x.tfPadding)!;
      const config = conformanceConfig({ tfPadding: true });
      const stateDict = conformanceStateDict(config);
      const weights = (k: string) => stateDict.get(k)!.data as Float32Array;
      const input = conformanceInput(c.inputDims);
      const inline = await b.createExecutable({
        graph: buildGraph({ config, weights, outputs: ["logits"] }),
      });
      const expected = Array.from(
        (await inline.run({ [PIXEL_VALUES]: input }))["logits"]!.data as Float32Array,
      );
      await inline.dispose();
      expectClose(expected, c.logits, atol);
      // What the model API hands this backend: external data only when declared.
      const seen: boolean[] = [];
      const spy: Backend = {
        name: b.name,
        externalWeights: b.externalWeights,
        init: () => b.init(),
        createExecutable: (p) => {
          seen.push(p.graph.externalData !== undefined);
          return b.createExecutable(p);
        },
      };
      const model = await MobileNetV1ForImageClassification.fromStateDict({
        config,
        stateDict,
        backend: spy,
      });
      expect(Array.from((await model.forward({ pixelValues: input })).logits.data)).toEqual(expected);
      expect(seen).toEqual([b.externalWeights === true]);
      await model.dispose();
      if (b.externalWeights !== true) return;
      const graph = buildGraph({ config, weights, outputs: ["logits"], externalWeights: true });
      expect(graph.externalData!.length).toBeGreaterThan(0);
      const external = await b.createExecutable({ graph });
      const r = await external.run({ [PIXEL_VALUES]: input });
      expect(Array.from(r["logits"]!.data as Float32Array)).toEqual(expected);
      await external.dispose();
    });

    it("gives the same numbers for concurrent runs as for sequential ones", async () => {
      const c = CONFORMANCE_CASES[0]!;
      const config = conformanceConfig({ tfPadding: c.tfPadding });
      const model = await MobileNetV1ForImageClassification.fromStateDict({
        config,
        stateDict: conformanceStateDict(config),
        backend: await backend(),
      });
      const input = conformanceInput(c.inputDims);
      const sequential = Array.from((await model.forward({ pixelValues: input })).logits.data);
      const concurrent = await Promise.all(
        Array.from({ length: 6 }, () => model.forward({ pixelValues: input })),
      );
      for (const r of concurrent) expect(Array.from(r.logits.data)).toEqual(sequential);
      await model.dispose();
    });

    it("treats each image of a batch independently", async () => {
      const c = CONFORMANCE_CASES.find((x) => x.inputDims[0] > 1)!;
      const config = conformanceConfig({ tfPadding: c.tfPadding });
      const model = await MobileNetV1ForImageClassification.fromStateDict({
        config,
        stateDict: conformanceStateDict(config),
        backend: await backend(),
      });
      const batch = conformanceInput(c.inputDims);
      const [, ch, h, w] = c.inputDims;
      const one = ch * h * w;
      const batched = (await model.forward({ pixelValues: batch })).logits.data;
      for (let i = 0; i < c.inputDims[0]; i++) {
        const single = await model.forward({
          pixelValues: { dims: [1, ch, h, w], data: batch.data.slice(i * one, (i + 1) * one) },
        });
        expectClose(Array.from(single.logits.data), Array.from(batched.slice(i * 4, i * 4 + 4)), 1e-5);
      }
      await model.dispose();
    });

    it("rejects runs after dispose", async () => {
      const b = await backend();
      const config = conformanceConfig({ tfPadding: true });
      const stateDict = conformanceStateDict(config);
      const exe = await b.createExecutable({
        graph: buildGraph({
          config,
          weights: (k) => stateDict.get(k)!.data as Float32Array,
          outputs: ["pooler_output"],
        }),
      });
      await exe.dispose();
      await expect(exe.run({ [PIXEL_VALUES]: conformanceInput([1, 3, 32, 32]) })).rejects.toThrow();
    });
  });
}

function expectClose(actual: readonly number[], expected: readonly number[], atol: number): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...actual.map((a, i) => Math.abs(a - expected[i]!)));
  expect(worst, `max |Δ| = ${worst} (actual ${actual.slice(0, 8).join(", ")})`).toBeLessThanOrEqual(atol);
}
