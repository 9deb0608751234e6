import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Backend,
  type GraphDescription,
  MobileNetV1ForImageClassification,
  MobileNetV1Model,
  Tensor,
} from "@mobilenetv1/core";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";
import { createNodeBackend } from "./node-backend.js";

// HF's own modeling code (PyTorch) on the COCO cats image; see ../shared/hf/keras_mobilenet_v1_0.75_224/REFERENCE.json.
const folder = requireShared("hf/keras_mobilenet_v1_0.75_224");

describe.skipIf(!folder)("real weights: keras_mobilenet_v1_0.75_224 vs HF's reference", async () => {
  const dir = folder!;
  const reference = JSON.parse(await readFile(join(dir, "REFERENCE.json"), "utf8"));
  const pixelBytes = await readFile(join(dir, "reference_pixel_values.bin"));
  const pixelValues = new Tensor({
    dims: reference.pixel_values.shape,
    data: new Float32Array(
      pixelBytes.buffer.slice(pixelBytes.byteOffset, pixelBytes.byteOffset + pixelBytes.byteLength),
    ),
  });

  for (const useSafetensors of [true, false]) {
    it(`logits match HF's to 1e-4 and the top-5 labels match (${useSafetensors ? "model.safetensors" : "pytorch_model.bin"})`, async () => {
      const model = await MobileNetV1ForImageClassification.fromPretrained(dir, {
        backend: createNodeBackend(),
        useSafetensors,
      });
      const { logits } = await model.forward({ pixelValues });
      expect(logits.dims).toEqual([1, 1000]);
      const expected: number[] = reference.logits.values;
      const worst = Math.max(...expected.map((v, i) => Math.abs(v - logits.data[i]!)));
      expect(worst).toBeLessThanOrEqual(1e-4);
      const top5 = model.topK({ logits, k: 5 })[0]!;
      expect(top5.map((p) => [p.index, p.label])).toEqual(
        reference.top5.map((p: { index: number; label: string }) => [p.index, p.label]),
      );
      for (let i = 0; i < 5; i++) expect(top5[i]!.score).toBeCloseTo(reference.top5[i].prob, 4);
      await model.dispose();
    });
  }

  it("pooler output, last hidden state and the 26 hidden states match HF's figures", async () => {
    const model = await MobileNetV1Model.fromPretrained(dir, { backend: createNodeBackend() });
    const out = await model.forward({ pixelValues, outputHiddenStates: true });
    expect(out.poolerOutput.dims).toEqual(reference.pooler_output.shape);
    const first5 = Array.from(out.poolerOutput.data.slice(0, 5));
    reference.pooler_output.first5.forEach((v: number, i: number) =>
      expect(Math.abs(first5[i]! - v)).toBeLessThan(1e-4),
    );
    expect(mean(out.poolerOutput.data)).toBeCloseTo(reference.pooler_output.mean, 5);
    expect(out.lastHiddenState.dims).toEqual(reference.last_hidden_state.shape);
    expect(mean(out.lastHiddenState.data)).toBeCloseTo(reference.last_hidden_state.mean, 5);
    expect(out.hiddenStates!.map((h) => h.dims)).toEqual(reference.hidden_states.shapes);
    if (reference.hidden_states.means) {
      out.hiddenStates!.forEach((h, i) =>
        expect(mean(h.data)).toBeCloseTo(reference.hidden_states.means[i], 4),
      );
    }
    await model.dispose();
  });

  it("keeps the default logits-only path free of hidden-state outputs after they were asked for", async () => {
    const { built, spy } = spyBackend();
    const model = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: spy });
    await model.forward({ pixelValues, outputHiddenStates: true });
    const { logits } = await model.forward({ pixelValues });
    await model.forward({ pixelValues });
    expect(built.map((g) => g.outputNames.length)).toEqual([27, 1]);
    expect(built[1]!.outputNames).toEqual(["logits"]);
    expect(logits.dims).toEqual([1, 1000]);
    await model.dispose();
  });

  it("prepare() loads the default graph up front, so forward builds nothing", async () => {
    const { built, spy } = spyBackend();
    const model = await MobileNetV1ForImageClassification.fromPretrained(dir, { backend: spy });
    await model.prepare();
    expect(built.map((g) => g.outputNames)).toEqual([["logits"]]);
    await model.forward({ pixelValues });
    expect(built).toHaveLength(1);
    await model.dispose();
  });
});

function mean(xs: Float32Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** A node backend that records every graph it is asked to load. */
function spyBackend(): { built: GraphDescription[]; spy: Backend } {
  const built: GraphDescription[] = [];
  const inner = createNodeBackend();
  const spy: Backend = {
    name: "spy",
    init: () => inner.init(),
    createExecutable: (p) => {
      built.push(p.graph);
      return inner.createExecutable(p);
    },
  };
  return { built, spy };
}
