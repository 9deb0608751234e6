/**
 * Independent, deliberately naive reference forward pass of HF transformers' MobileNetV1
 * (modeling_mobilenet_v1.py, eval mode). Tests use it as ground truth for the SDK's ONNX graphs, so it
 * must NOT import anything from the SDK packages: a shared bug would then cancel out in the comparison.
 * Plain nested loops, float64 accumulation, float32 storage between layers (like the real model).
 * Itself checked against a PyTorch re-implementation by test/fixtures/reference/make_reference_forward_fixture.py.
 */

export interface RefConfig {
  numChannels: number;
  depthMultiplier: number;
  minDepth: number;
  tfPadding: boolean;
  layerNormEps: number;
  numLabels: number;
  hiddenAct?: "relu6" | "relu";
}

export interface RefTensor {
  dims: number[];
  data: Float32Array;
}

/** One conv + BatchNorm + activation block, as HF's MobileNetV1ConvLayer. */
interface ConvSpec {
  prefix: string;
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride: number;
  groups: number;
}

// HF hard-codes these strides for the 13 depthwise-separable blocks.
const STRIDES = [1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1];

/** Mirrors MobileNetV1Model.__init__ literally, including Python's int() truncation. */
function convSpecs(config: RefConfig): ConvSpec[] {
  const channels = (depth: number): number =>
    Math.max(Math.trunc(depth * config.depthMultiplier), config.minDepth);
  let depth = 32;
  let out = channels(depth);
  const specs: ConvSpec[] = [
    {
      prefix: "mobilenet_v1.conv_stem",
      inChannels: config.numChannels,
      outChannels: out,
      kernel: 3,
      stride: 2,
      groups: 1,
    },
  ];
  for (let i = 0; i < 13; i++) {
    const inCh = out;
    const stride = STRIDES[i]!;
    if (stride === 2 || i === 0) {
      depth *= 2;
      out = channels(depth);
    }
    specs.push({
      prefix: `mobilenet_v1.layer.${2 * i}`,
      inChannels: inCh,
      outChannels: inCh,
      kernel: 3,
      stride,
      groups: inCh,
    });
    specs.push({
      prefix: `mobilenet_v1.layer.${2 * i + 1}`,
      inChannels: inCh,
      outChannels: out,
      kernel: 1,
      stride: 1,
      groups: 1,
    });
  }
  return specs;
}

/** HF state-dict keys (minus the integer num_batches_tracked buffers), in HF's order. */
export function expectedKeys(config: RefConfig): { key: string; dims: number[] }[] {
  const keys: { key: string; dims: number[] }[] = [];
  const specs = convSpecs(config);
  for (const s of specs) {
    keys.push({
      key: `${s.prefix}.convolution.weight`,
      dims: [s.outChannels, s.inChannels / s.groups, s.kernel, s.kernel],
    });
    for (const name of ["weight", "bias", "running_mean", "running_var"]) {
      keys.push({ key: `${s.prefix}.normalization.${name}`, dims: [s.outChannels] });
    }
  }
  // HF replaces the classifier by nn.Identity when num_labels == 0, so it then has no parameters.
  if (config.numLabels > 0) {
    const last = specs[specs.length - 1]!.outChannels;
    keys.push({ key: "classifier.weight", dims: [config.numLabels, last] });
    keys.push({ key: "classifier.bias", dims: [config.numLabels] });
  }
  return keys;
}

/**
 * mulberry32: tiny 32-bit PRNG, chosen because it is easy to port bit-exactly to Python
 * (the fixture script has an identical copy). Returns k / 2^32, exact in float64.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a) >>> 0;
    t = (((t + (Math.imul(t ^ (t >>> 7), 61 | t) >>> 0)) >>> 0) ^ t) >>> 0;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic random weights with HF's key names. Normals use Irwin-Hall (sum of 12 uniforms - 6)
 * rather than Box-Muller so no transcendental functions are involved: results are bit-identical to the
 * Python copy, independent of the platform's libm.
 *
 * Conv std defaults to He init, sqrt(2 / fan_in). A fixed std (HF's 0.02, or even 0.2) makes every
 * block shrink the input-dependent part of the signal, so by layer 25 the activations are ~1e-4
 * input-sensitive and the logits are practically constant: a graph bug in early layers would then pass
 * a 1e-4 logits check. He init keeps ~50% relative input sensitivity through all 26 layers and still
 * exercises the ReLU6 clip. Pass `convStd: 0.2` for a fixed std.
 */
export function randomWeights(params: {
  config: RefConfig;
  seed: number;
  convStd?: "fanIn" | number;
}): Map<string, RefTensor> {
  const uniform = mulberry32(params.seed);
  const normal = (): number => {
    let s = 0;
    for (let i = 0; i < 12; i++) s += uniform();
    return s - 6;
  };
  const weights = new Map<string, RefTensor>();
  for (const { key, dims } of expectedKeys(params.config)) {
    let sample: () => number;
    if (key.endsWith("convolution.weight")) {
      const fanIn = dims[1]! * dims[2]! * dims[3]!;
      const convStd = params.convStd ?? "fanIn";
      const std = convStd === "fanIn" ? Math.sqrt(2 / fanIn) : convStd;
      sample = () => std * normal();
    } else if (key.endsWith("normalization.weight") || key.endsWith("running_var")) {
      sample = () => 0.5 + uniform();
    } else {
      sample = () => 0.1 * normal(); // BN bias, running_mean, classifier weight/bias
    }
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = sample();
    weights.set(key, { dims, data });
  }
  return weights;
}

function getWeight(weights: Map<string, RefTensor>, key: string, dims: number[]): Float32Array {
  const t = weights.get(key);
  if (t === undefined) throw new Error(`reference: missing weight ${key}`);
  if (t.dims.join(",") !== dims.join(",")) {
    throw new Error(`reference: ${key} has dims [${t.dims}], expected [${dims}]`);
  }
  return t.data;
}

/** HF's apply_tf_padding for one axis: TF "SAME" padding, extra pixel goes to the bottom/right. */
function tfPad(size: number, kernel: number, stride: number): [number, number] {
  const total = size % stride === 0 ? Math.max(kernel - stride, 0) : Math.max(kernel - (size % stride), 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** conv (no bias) -> BatchNorm2d (eval) -> activation, over NCHW. */
function convBnAct(x: RefTensor, s: ConvSpec, config: RefConfig, weights: Map<string, RefTensor>): RefTensor {
  const [B, C, H, W] = x.dims as [number, number, number, number];
  if (C !== s.inChannels)
    throw new Error(`reference: ${s.prefix} got ${C} channels, expects ${s.inChannels}`);
  const k = s.kernel;
  const cinPerGroup = s.inChannels / s.groups;
  const coutPerGroup = s.outChannels / s.groups;
  const w = getWeight(weights, `${s.prefix}.convolution.weight`, [s.outChannels, cinPerGroup, k, k]);
  const bn = (name: string) => getWeight(weights, `${s.prefix}.normalization.${name}`, [s.outChannels]);
  const gamma = bn("weight");
  const beta = bn("bias");
  const mean = bn("running_mean");
  const variance = bn("running_var");

  // Padding is recomputed from this layer's actual input size, as HF does at run time.
  const sym = Math.trunc((k - 1) / 2);
  const [padTop, padBottom] = config.tfPadding ? tfPad(H, k, s.stride) : [sym, sym];
  const [padLeft, padRight] = config.tfPadding ? tfPad(W, k, s.stride) : [sym, sym];
  const outH = Math.floor((H + padTop + padBottom - k) / s.stride) + 1;
  const outW = Math.floor((W + padLeft + padRight - k) / s.stride) + 1;
  const out = new Float32Array(B * s.outChannels * outH * outW);
  const relu6 = (config.hiddenAct ?? "relu6") === "relu6";

  for (let b = 0; b < B; b++) {
    for (let oc = 0; oc < s.outChannels; oc++) {
      const group = Math.floor(oc / coutPerGroup);
      const invStd = 1 / Math.sqrt(variance[oc]! + config.layerNormEps);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let acc = 0; // JS numbers are float64
          for (let icg = 0; icg < cinPerGroup; icg++) {
            const ic = group * cinPerGroup + icg;
            for (let ky = 0; ky < k; ky++) {
              const iy = oy * s.stride + ky - padTop;
              if (iy < 0 || iy >= H) continue; // zero padding
              for (let kx = 0; kx < k; kx++) {
                const ix = ox * s.stride + kx - padLeft;
                if (ix < 0 || ix >= W) continue;
                const xv = x.data[((b * C + ic) * H + iy) * W + ix]!;
                const wv = w[((oc * cinPerGroup + icg) * k + ky) * k + kx]!;
                acc += xv * wv;
              }
            }
          }
          let y = (acc - mean[oc]!) * invStd * gamma[oc]! + beta[oc]!;
          y = Math.max(y, 0);
          if (relu6) y = Math.min(y, 6);
          out[((b * s.outChannels + oc) * outH + oy) * outW + ox] = y;
        }
      }
    }
  }
  return { dims: [B, s.outChannels, outH, outW], data: out };
}

export function referenceForward(params: {
  config: RefConfig;
  weights: Map<string, RefTensor>;
  input: RefTensor;
}): {
  hiddenStates: RefTensor[];
  lastHiddenState: RefTensor;
  poolerOutput: RefTensor;
  logits: RefTensor | undefined;
} {
  const { config, weights, input } = params;
  if (input.dims.length !== 4) throw new Error(`reference: input must be [B,C,H,W], got [${input.dims}]`);
  const [stem, ...layers] = convSpecs(config);
  let h = convBnAct(input, stem!, config, weights);
  // HF's hidden_states are the 26 layer outputs; the stem output is not included.
  const hiddenStates: RefTensor[] = [];
  for (const spec of layers) {
    h = convBnAct(h, spec, config, weights);
    hiddenStates.push(h);
  }

  // AdaptiveAvgPool2d((1,1)) + flatten(start_dim=1).
  const [B, C, H, W] = h.dims as [number, number, number, number];
  const pooled = new Float32Array(B * C);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let i = 0; i < H * W; i++) sum += h.data[(b * C + c) * H * W + i]!;
      pooled[b * C + c] = sum / (H * W);
    }
  }
  const poolerOutput: RefTensor = { dims: [B, C], data: pooled };

  // Dropout is the identity at inference. (HF returns the pooler itself as logits when num_labels == 0;
  // this reference reports "no classifier" instead.)
  let logits: RefTensor | undefined;
  if (config.numLabels > 0) {
    const n = config.numLabels;
    const w = getWeight(weights, "classifier.weight", [n, C]);
    const bias = getWeight(weights, "classifier.bias", [n]);
    const data = new Float32Array(B * n);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < n; j++) {
        let acc: number = bias[j]!;
        for (let c = 0; c < C; c++) acc += pooled[b * C + c]! * w[j * C + c]!;
        data[b * n + j] = acc;
      }
    }
    logits = { dims: [B, n], data };
  }
  return { hiddenStates, lastHiddenState: h, poolerOutput, logits };
}
