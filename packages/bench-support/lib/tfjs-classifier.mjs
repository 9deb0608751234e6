// @tensorflow/tfjs (pure JS "cpu" or "wasm" backend; tfjs-node is not used: it needs a native download)
// running Keras MobileNet V1 as a TF.js layers model, with the preprocessing a tfjs user writes by hand:
// decode with sharp, tf.image.resizeBilinear (shortest edge 256, no antialias), center crop 224, [-1, 1].
import { readFileSync } from "node:fs";
import { join } from "node:path";
import "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs";
import sharp from "sharp";

const SIZE = 224;
const SHORTEST_EDGE = 256;

/** Reads a TF.js layers model folder (model.json + shards) as `tf.io.fromMemory` wants it. */
export function readLayersModel(dir) {
  const json = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
  const all = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}

/**
 * The Keras MobileNet topology of `topology` (alpha 0.75) rescaled to `depthMultiplier`: every Conv2D
 * but the classifier gets filters × depthMultiplier / 0.75, and the reshape before it the new width.
 */
export function rescaleTopology(topology, depthMultiplier) {
  const t = structuredClone(topology);
  const scale = (n) => Math.round((n * depthMultiplier) / 0.75);
  for (const layer of t.model_config.config.layers) {
    const c = layer.config;
    if (layer.class_name === "Conv2D" && c.name !== "conv_preds") c.filters = scale(c.filters);
    if (layer.class_name === "Reshape" && c.target_shape.length === 3)
      c.target_shape[2] = scale(c.target_shape[2]);
  }
  return t;
}

// HF MobileNetV1 state dict key and the permutation from HF's layout to Keras' for a Keras weight.
function hfSource(layerName, weightName) {
  const bn = /^(conv1|conv_dw_(\d+)|conv_pw_(\d+))_bn$/.exec(layerName);
  const hfLayer = (name) => {
    if (name === "conv1") return "mobilenet_v1.conv_stem";
    const [, kind, n] = /^conv_(dw|pw)_(\d+)$/.exec(name);
    return `mobilenet_v1.layer.${2 * (Number(n) - 1) + (kind === "pw" ? 1 : 0)}`;
  };
  if (bn) {
    const field = {
      gamma: "weight",
      beta: "bias",
      moving_mean: "running_mean",
      moving_variance: "running_var",
    };
    return { key: `${hfLayer(bn[1])}.normalization.${field[weightName]}` };
  }
  if (layerName === "conv_preds") return { key: `classifier.${weightName === "kernel" ? "weight" : "bias"}` };
  // [out, in, kh, kw] → [kh, kw, in, out]; depthwise [C, 1, kh, kw] → [kh, kw, C, 1]
  const perm = weightName === "depthwise_kernel" ? [2, 3, 0, 1] : [2, 3, 1, 0];
  return { key: `${hfLayer(layerName)}.convolution.weight`, perm };
}

/** Sets a tfjs Keras MobileNet's weights from an HF MobileNetV1 state dict (`Map` name → Float32Array). */
export function setWeightsFromStateDict(model, stateDict) {
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((w) => {
      const short = w.originalName.split("/").pop();
      const { key, perm } = hfSource(layer.name, short);
      const data = stateDict.get(key);
      if (!data) throw new Error(`no ${key} for ${layer.name}/${short}`);
      if (layer.name === "conv_preds" && short === "kernel") {
        const [, , c, n] = w.shape;
        return tf.tensor2d(data, [n, c]).transpose().reshape(w.shape);
      }
      if (!perm) return tf.tensor(data, w.shape);
      const hfShape = perm.map((_, i) => w.shape[perm.indexOf(i)]);
      return tf.tensor(data, hfShape).transpose(perm);
    });
    layer.setWeights(values);
    for (const v of values) v.dispose();
  }
}

/**
 * A tfjs classifier on `backend` ("cpu" | "wasm"). `source` is `{ dir }` (an original TF.js model folder)
 * or `{ topology, stateDict }` (a Keras topology with an HF state dict's weights).
 */
export async function createTfjsClassifier({ backend, source, labels }) {
  await tf.setBackend(backend);
  await tf.ready();
  let model;
  if (source.dir) {
    model = await tf.loadLayersModel(tf.io.fromMemory(readLayersModel(source.dir)));
  } else {
    model = await tf.models.modelFromJSON({ modelTopology: source.topology });
    setWeightsFromStateDict(model, source.stateDict);
  }
  const use = () => tf.setBackend(backend); // several classifiers share tfjs' global backend

  async function decode(path) {
    const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }
  function preprocess(images) {
    return tf.tidy(() =>
      tf.stack(
        images.map(({ data, width, height }) => {
          const scale = SHORTEST_EDGE / Math.min(width, height);
          const [h, w] = [Math.floor(height * scale), Math.floor(width * scale)];
          const resized = tf.image.resizeBilinear(
            tf.tensor3d(data, [height, width, 3], "int32"),
            [h, w],
            false,
            true,
          );
          const top = Math.floor((h - SIZE) / 2);
          const left = Math.floor((w - SIZE) / 2);
          return resized.slice([top, left, 0], [SIZE, SIZE, 3]).div(127.5).sub(1);
        }),
      ),
    );
  }
  async function predict(x) {
    const probs = model.predict(x); // the Keras model ends in softmax
    const { values, indices } = tf.topk(probs, 5);
    const [v, i] = await Promise.all([values.array(), indices.array()]);
    tf.dispose([probs, values, indices]);
    return v.map((row, b) => row.map((score, k) => ({ label: labels[i[b][k]], score })));
  }

  return {
    name: `tfjs ${tf.version.tfjs} ${backend}`,
    async classify(paths) {
      await use();
      const x = preprocess(await Promise.all(paths.map(decode)));
      const out = await predict(x);
      x.dispose();
      return out;
    },
    async stages(path) {
      await use();
      const t0 = performance.now();
      const image = await decode(path);
      const t1 = performance.now();
      const x = preprocess([image]);
      await x.data();
      const t2 = performance.now();
      const probs = model.predict(x);
      await probs.data();
      const t3 = performance.now();
      const { values, indices } = tf.topk(probs, 5);
      const [v, i] = await Promise.all([values.data(), indices.data()]);
      const top5 = [...v].map((score, k) => ({ label: labels[i[k]], score }));
      const t4 = performance.now();
      tf.dispose([x, probs, values, indices]);
      return { top5, stages: { decode: t1 - t0, preprocess: t2 - t1, model: t3 - t2, topk: t4 - t3 } };
    },
    async prepareInput(batch) {
      await use();
      return tf.randomUniform([batch, SIZE, SIZE, 3], -1, 1);
    },
    async infer(x) {
      await use();
      const y = model.predict(x);
      await y.data();
      y.dispose();
    },
    info: () => ({
      simd: tf.env().getBool?.("WASM_HAS_SIMD_SUPPORT"),
      threads: tf.env().getBool?.("WASM_HAS_MULTITHREAD_SUPPORT"),
    }),
    async dispose() {
      model.dispose();
    },
  };
}
