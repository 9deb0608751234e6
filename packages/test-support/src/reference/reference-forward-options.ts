/**
 * A copy of reference-forward.ts's naive forward, extended with TF-slim's options (mobilenet_v1.py):
 * `output_stride` (stride-1, dilated depthwise convolutions once the target stride is reached), the
 * `AvgPool_1a` head (7×7 kernel reduced to small maps, stride 2, VALID; `Conv2d_1c_1x1` at every
 * pooled position) and end points by name. Like the original it imports nothing from the SDK packages,
 * and it is written from TF-slim's code, not from the SDK's graph builder, so the two can disagree.
 * The original's API is untouched; with the defaults this forward equals it (a test checks that).
 */
import type { RefConfig, RefTensor } from "./reference-forward.js";

export interface RefOptions {
  /** TF-slim's output_stride. @default 32 */
  outputStride?: 8 | 16 | 32;
  /** @default "global" */
  poolingHead?: "global" | "tf-slim-avgpool";
}

/** TF-slim's _CONV_DEFS: (kind, stride, depth). */
const CONV_DEFS: [kind: "conv" | "sep", stride: number, depth: number][] = [
  ["conv", 2, 32],
  ["sep", 1, 64],
  ["sep", 2, 128],
  ["sep", 1, 128],
  ["sep", 2, 256],
  ["sep", 1, 256],
  ["sep", 2, 512],
  ["sep", 1, 512],
  ["sep", 1, 512],
  ["sep", 1, 512],
  ["sep", 1, 512],
  ["sep", 1, 512],
  ["sep", 2, 1024],
  ["sep", 1, 1024],
];

interface Layer {
  endPoint: string;
  prefix: string;
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride: number;
  rate: number;
  depthwise: boolean;
}

/** mobilenet_v1_base's loop, literally: current_stride / rate bookkeeping per conv_def. */
function layers(config: RefConfig, outputStride: number): Layer[] {
  const depth = (d: number) => Math.max(Math.trunc(d * config.depthMultiplier), config.minDepth);
  const out: Layer[] = [];
  let currentStride = 1;
  let rate = 1;
  let channels = config.numChannels;
  CONV_DEFS.forEach(([kind, stride, d], i) => {
    let layerStride: number;
    let layerRate: number;
    if (currentStride === outputStride) {
      layerStride = 1;
      layerRate = rate;
      rate *= stride;
    } else {
      layerStride = stride;
      layerRate = 1;
      currentStride *= stride;
    }
    if (kind === "conv") {
      out.push({
        endPoint: `Conv2d_${i}`,
        prefix: "mobilenet_v1.conv_stem",
        inChannels: channels,
        outChannels: depth(d),
        kernel: 3,
        stride,
        rate: 1,
        depthwise: false,
      });
      channels = depth(d);
      return;
    }
    const hf = 2 * (i - 1);
    out.push({
      endPoint: `Conv2d_${i}_depthwise`,
      prefix: `mobilenet_v1.layer.${hf}`,
      inChannels: channels,
      outChannels: channels,
      kernel: 3,
      stride: layerStride,
      rate: layerRate,
      depthwise: true,
    });
    out.push({
      endPoint: `Conv2d_${i}_pointwise`,
      prefix: `mobilenet_v1.layer.${hf + 1}`,
      inChannels: channels,
      outChannels: depth(d),
      kernel: 1,
      stride: 1,
      rate: 1,
      depthwise: false,
    });
    channels = depth(d);
  });
  return out;
}

function weight(weights: Map<string, RefTensor>, key: string, dims: number[]): Float32Array {
  const t = weights.get(key);
  if (!t || t.dims.join(",") !== dims.join(","))
    throw new Error(`reference: ${key} missing or not [${dims}]`);
  return t.data;
}

/** TF's SAME padding for one axis with a dilated kernel: the effective kernel is k + (k - 1)(rate - 1). */
function samePad(size: number, kernel: number, stride: number, rate: number): [number, number] {
  const effective = kernel + (kernel - 1) * (rate - 1);
  const total =
    size % stride === 0 ? Math.max(effective - stride, 0) : Math.max(effective - (size % stride), 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function convBnAct(x: RefTensor, l: Layer, config: RefConfig, weights: Map<string, RefTensor>): RefTensor {
  const [B, C, H, W] = x.dims as [number, number, number, number];
  const k = l.kernel;
  const r = l.rate;
  const cinPerOut = l.depthwise ? 1 : C;
  const w = weight(weights, `${l.prefix}.convolution.weight`, [l.outChannels, cinPerOut, k, k]);
  const bn = (n: string) => weight(weights, `${l.prefix}.normalization.${n}`, [l.outChannels]);
  const [gamma, beta, mean, variance] = [bn("weight"), bn("bias"), bn("running_mean"), bn("running_var")];
  // Without TF padding: r·(k-1)/2 per side, the size-keeping extension of HF's symmetric (k-1)/2.
  const sym = (r * (k - 1)) / 2;
  const [pt, pb] = config.tfPadding ? samePad(H, k, l.stride, r) : [sym, sym];
  const [pl, pr] = config.tfPadding ? samePad(W, k, l.stride, r) : [sym, sym];
  const span = (k - 1) * r + 1;
  const oh = Math.floor((H + pt + pb - span) / l.stride) + 1;
  const ow = Math.floor((W + pl + pr - span) / l.stride) + 1;
  const out = new Float32Array(B * l.outChannels * oh * ow);
  const relu6 = (config.hiddenAct ?? "relu6") === "relu6";
  for (let b = 0; b < B; b++) {
    for (let oc = 0; oc < l.outChannels; oc++) {
      const invStd = 1 / Math.sqrt(variance[oc]! + config.layerNormEps);
      for (let oy = 0; oy < oh; oy++) {
        for (let ox = 0; ox < ow; ox++) {
          let acc = 0;
          for (let j = 0; j < cinPerOut; j++) {
            const ic = l.depthwise ? oc : j;
            for (let ky = 0; ky < k; ky++) {
              const iy = oy * l.stride + ky * r - pt;
              if (iy < 0 || iy >= H) continue;
              for (let kx = 0; kx < k; kx++) {
                const ix = ox * l.stride + kx * r - pl;
                if (ix < 0 || ix >= W) continue;
                acc +=
                  x.data[((b * C + ic) * H + iy) * W + ix]! * w[((oc * cinPerOut + j) * k + ky) * k + kx]!;
              }
            }
          }
          const y = Math.max((acc - mean[oc]!) * invStd * gamma[oc]! + beta[oc]!, 0);
          out[((b * l.outChannels + oc) * oh + oy) * ow + ox] = relu6 ? Math.min(y, 6) : y;
        }
      }
    }
  }
  return { dims: [B, l.outChannels, oh, ow], data: out };
}

/** Average pool over [B, C, H, W] with a kh×kw kernel, `stride`, no padding. */
function avgPool(x: RefTensor, kh: number, kw: number, stride: number): RefTensor {
  const [B, C, H, W] = x.dims as [number, number, number, number];
  const oh = Math.floor((H - kh) / stride) + 1;
  const ow = Math.floor((W - kw) / stride) + 1;
  const out = new Float32Array(B * C * oh * ow);
  for (let bc = 0; bc < B * C; bc++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let s = 0;
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++) s += x.data[(bc * H + oy * stride + ky) * W + ox * stride + kx]!;
        out[(bc * oh + oy) * ow + ox] = s / (kh * kw);
      }
    }
  }
  return { dims: [B, C, oh, ow], data: out };
}

/**
 * The forward pass with TF-slim's options. `endPoints` holds every conv layer's output by TF-slim name
 * (Conv2d_0 … Conv2d_13_pointwise). `poolerOutput` and `logits` are [B, C] / [B, N] when the pooled map
 * is 1×1 (global pooling always), else [B, C, h', w'] / [B, N, h', w'].
 */
export function referenceForwardWithOptions(params: {
  config: RefConfig;
  weights: Map<string, RefTensor>;
  input: RefTensor;
  options?: RefOptions;
}): {
  endPoints: Map<string, RefTensor>;
  lastHiddenState: RefTensor;
  poolerOutput: RefTensor;
  logits: RefTensor | undefined;
} {
  const { config, weights } = params;
  const endPoints = new Map<string, RefTensor>();
  let h = params.input;
  for (const l of layers(config, params.options?.outputStride ?? 32)) {
    h = convBnAct(h, l, config, weights);
    endPoints.set(l.endPoint, h);
  }
  const [B, C, H, W] = h.dims as [number, number, number, number];
  const pooled =
    params.options?.poolingHead === "tf-slim-avgpool"
      ? avgPool(h, Math.min(7, H), Math.min(7, W), 2)
      : avgPool(h, H, W, 1);
  const [, , ph, pw] = pooled.dims as [number, number, number, number];
  const squeeze = ph === 1 && pw === 1;
  const poolerOutput: RefTensor = squeeze ? { dims: [B, C], data: pooled.data } : pooled;
  let logits: RefTensor | undefined;
  if (config.numLabels > 0) {
    const n = config.numLabels;
    const w = weight(weights, "classifier.weight", [n, C]);
    const bias = weight(weights, "classifier.bias", [n]);
    const data = new Float32Array(B * n * ph * pw);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < n; j++) {
        for (let p = 0; p < ph * pw; p++) {
          let acc: number = bias[j]!;
          for (let c = 0; c < C; c++) acc += pooled.data[(b * C + c) * ph * pw + p]! * w[j * C + c]!;
          data[(b * n + j) * ph * pw + p] = acc;
        }
      }
    }
    logits = { dims: squeeze ? [B, n] : [B, n, ph, pw], data };
  }
  return { endPoints, lastHiddenState: h, poolerOutput, logits };
}
