import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../backend/backend.js";
import { MobileNetV1Config } from "../config/config.js";
import { writeFolder } from "../io/write-folder-node.js";
import { Tensor } from "../tensor.js";
import { readSafetensors } from "../weights/safetensors-reader.js";
import { writeSafetensors } from "../weights/safetensors-writer.js";
import { MobileNetV1ForImageClassification } from "./for-image-classification.js";
import { hfStateDict } from "./hf-state-dict.js";
import { MobileNetV1Model } from "./mobilenet-v1-model.js";

// Saving and loading need no runtime: a backend that is never asked to run anything.
const noBackend: Backend = {
  name: "none",
  init: async () => {},
  createExecutable: async () => Promise.reject(new Error("not used")),
};

/**
 * HF's state-dict keys of MobileNetV1, written from transformers' modeling_mobilenet_v1.py module tree (not
 * from our parameter plan): `conv_stem` and `layer.0`–`layer.25` are MobileNetV1ConvLayer, each a bias-free
 * `convolution` (Conv2d) and a `normalization` (BatchNorm2d, track_running_stats=True: weight, bias,
 * running_mean, running_var, num_batches_tracked); the classification model nests the backbone under
 * `mobilenet_v1.` and adds `classifier` (Linear: weight, bias).
 */
function hfKeys(withClassifier: boolean): string[] {
  const prefix = withClassifier ? "mobilenet_v1." : "";
  const layers = ["conv_stem", ...Array.from({ length: 26 }, (_, i) => `layer.${i}`)];
  const bn = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"];
  const keys = layers.flatMap((l) => [
    `${prefix}${l}.convolution.weight`,
    ...bn.map((b) => `${prefix}${l}.normalization.${b}`),
  ]);
  return withClassifier ? [...keys, "classifier.weight", "classifier.bias"] : keys;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "save-pretrained-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function savedTensors(dir: string) {
  const bytes = new Uint8Array(await readFile(join(dir, "model.safetensors")));
  return readSafetensors({ bytes }).tensors;
}

describe("savePretrained writes HF's full state dict", () => {
  const configs = [
    new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 4, imageSize: 96 }),
    new MobileNetV1Config({ depthMultiplier: 0.35, numLabels: 1001, imageSize: 128 }),
    new MobileNetV1Config({ depthMultiplier: 0.5, minDepth: 16, numLabels: 10 }),
  ];
  it.each(configs.map((c, i) => [i, c] as const))(
    "config %i: classifier and base model keys, int64 scalar counters",
    async (i, config) => {
      for (const Model of [MobileNetV1ForImageClassification, MobileNetV1Model]) {
        const withClassifier = Model === MobileNetV1ForImageClassification;
        const model = await Model.fromConfig({ config, backend: noBackend });
        const dir = join(tmp, `cfg${i}-${Model.name}`);
        await model.savePretrained({ dir });
        const tensors = await savedTensors(dir);
        expect([...tensors.keys()].sort()).toEqual(hfKeys(withClassifier).sort());
        const counters = [...tensors].filter(([k]) => k.endsWith(".num_batches_tracked"));
        expect(counters).toHaveLength(27);
        for (const [, t] of counters) {
          expect([t.dtype, t.dims, [...t.data]]).toEqual(["int64", [], [0n]]);
        }
        expect((await readdir(dir)).sort()).toEqual(["config.json", "model.safetensors"]); // no temp files left
      }
    },
  );

  it("the same keys, shapes and dtypes as the shared HF checkpoints (checked against HF's own state dicts)", async (ctx) => {
    for (const name of ["keras_mobilenet_v1_0.75_224", "tfslim_mobilenet_v1_0.25_224"]) {
      const folder = requireShared(`hf/${name}`, ctx);
      const model = await MobileNetV1ForImageClassification.fromPretrained(folder, { backend: noBackend });
      // The counters are read from both weight formats (the .bin through the unpickler's LongStorage).
      for (const useSafetensors of [true, false]) {
        const m = await MobileNetV1ForImageClassification.fromPretrained(folder, {
          backend: noBackend,
          useSafetensors,
        });
        expect([...m.batchesTracked.values()]).toEqual(Array(27).fill(0n));
      }
      const dir = join(tmp, name);
      await model.savePretrained({ dir });
      const [ours, theirs] = await Promise.all([savedTensors(dir), savedTensors(folder)]);
      const shape = (m: typeof ours) => [...m].map(([k, t]) => [k, t.dtype, t.dims]).sort();
      expect(shape(ours)).toEqual(shape(theirs));
      expect(ours.get("mobilenet_v1.layer.3.normalization.running_var")!.data).toEqual(
        theirs.get("mobilenet_v1.layer.3.normalization.running_var")!.data,
      );
    }
  });

  it("keeps the counters a checkpoint was loaded with (prefixed or not), 0 for those it lacked", async () => {
    const config = new MobileNetV1Config({ depthMultiplier: 0.25, numLabels: 3, imageSize: 64 });
    const source = await MobileNetV1ForImageClassification.fromConfig({
      config,
      backend: noBackend,
      seed: 3,
    });
    for (const withClassifier of [true, false]) {
      const sd = hfStateDict({ config, weights: (k) => source.weights.get(k)!, withClassifier });
      const p = withClassifier ? "mobilenet_v1." : "";
      const set = (key: string, v: bigint) =>
        sd.set(`${p}${key}`, new Tensor({ dims: [], data: BigInt64Array.of(v), dtype: "int64" }));
      set("conv_stem.normalization.num_batches_tracked", 123_456_789_012n);
      set("layer.7.normalization.num_batches_tracked", 5n);
      sd.delete(`${p}layer.25.normalization.num_batches_tracked`);
      const dir = join(tmp, `counters-${withClassifier}`);
      await writeFolderOf({ dir, config, stateDict: sd });
      const Model = withClassifier ? MobileNetV1ForImageClassification : MobileNetV1Model;
      const loaded = await Model.fromPretrained(dir, { backend: noBackend, onWarning: () => {} });
      const out = join(dir, "saved");
      await loaded.savePretrained({ dir: out });
      const tensors = await savedTensors(out);
      const value = (key: string) => (tensors.get(`${p}${key}`)!.data as BigInt64Array)[0];
      expect(value("conv_stem.normalization.num_batches_tracked")).toBe(123_456_789_012n);
      expect(value("layer.7.normalization.num_batches_tracked")).toBe(5n);
      expect(value("layer.25.normalization.num_batches_tracked")).toBe(0n);
      expect(value("layer.8.normalization.num_batches_tracked")).toBe(0n);
      // Copies (withOptions) keep them too.
      expect(loaded.withOptions({ outputStride: 16 }).batchesTracked).toEqual(loaded.batchesTracked);
    }
  });

  it("writes config.json without credentials or query strings from URLs it holds", async () => {
    const config = new MobileNetV1Config({
      depthMultiplier: 0.25,
      numLabels: 2,
      extra: {
        _name_or_path: "https://user:s3cret@mirror.example/org/model?token=hf_abc",
        note: "from http://alice:pw@10.0.0.1:8080/x?sig=zzz",
      },
    });
    const model = await MobileNetV1ForImageClassification.fromConfig({ config, backend: noBackend });
    const dir = join(tmp, "redacted");
    await model.savePretrained({ dir });
    const text = await readFile(join(dir, "config.json"), "utf8");
    for (const secret of ["s3cret", "hf_abc", "user:", "alice", ":pw@", "sig=zzz"]) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text)._name_or_path).toBe("https://mirror.example/org/model");
  });

  it("drops transformers_weights from config.json (transformers would load the file it names)", async () => {
    for (const named of ["mobilenetv1_int8.safetensors", "model.safetensors", "other.safetensors"]) {
      const config = new MobileNetV1Config({
        depthMultiplier: 0.25,
        numLabels: 2,
        extra: { transformers_weights: named },
      });
      const model = await MobileNetV1Model.fromConfig({ config, backend: noBackend });
      const saved = JSON.parse(new TextDecoder().decode(model.toFiles()["config.json"]));
      expect(saved).not.toHaveProperty("transformers_weights");
      expect(saved.depth_multiplier).toBe(0.25);
    }
  });
});

async function writeFolderOf(params: {
  dir: string;
  config: MobileNetV1Config;
  stateDict: ReturnType<typeof hfStateDict>;
}) {
  await writeFolder({
    dir: params.dir,
    files: {
      "config.json": new TextEncoder().encode(params.config.toJSONText()),
      "model.safetensors": writeSafetensors({ tensors: params.stateDict, metadata: { format: "pt" } }),
    },
  });
}
