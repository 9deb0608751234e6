/**
 * A naive TFLite interpreter for float MobileNet graphs: it runs the .tflite file's own operator list
 * (CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, RESHAPE, SQUEEZE, SOFTMAX) on NHWC tensors with the
 * file's own filters, biases, paddings, strides and fused activations — TFLite's semantics, no HF layout,
 * no transposes, no batch-norm identity. Tests use it as the "original runner" for converted TFLite
 * models: if the converter mislaid a tensor, the two disagree. Float64 accumulation, float32 storage.
 */
import type { TfliteGraph, TfliteOperator } from "../src/tflite-reader.js";

interface Nhwc {
  dims: number[];
  data: Float32Array;
}

/** TF's SAME padding before the first element, for one axis. */
function padBefore(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: "SAME" | "VALID" | undefined,
): number {
  if (padding !== "SAME") return 0;
  const effective = (kernel - 1) * dilation + 1;
  const out = Math.ceil(size / stride);
  return Math.floor(Math.max((out - 1) * stride + effective - size, 0) / 2);
}

function outSize(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: "SAME" | "VALID" | undefined,
): number {
  const effective = (kernel - 1) * dilation + 1;
  return padding === "SAME" ? Math.ceil(size / stride) : Math.floor((size - effective) / stride) + 1;
}

function activate(x: number, activation: string | undefined): number {
  if (activation === "RELU6") return Math.min(Math.max(x, 0), 6);
  if (activation === "RELU") return Math.max(x, 0);
  if (activation === "NONE" || activation === undefined) return x;
  throw new Error(`tflite-interpreter: fused activation ${activation} not implemented`);
}

/** CONV_2D (filter [O, kh, kw, I]) or DEPTHWISE_CONV_2D (filter [1, kh, kw, C·m]). */
function conv(x: Nhwc, op: TfliteOperator, filter: Nhwc, bias: Float32Array): Nhwc {
  const [B, H, W, C] = x.dims as [number, number, number, number];
  const depthwise = op.op === "DEPTHWISE_CONV_2D";
  const [fo, kh, kw, fi] = filter.dims as [number, number, number, number];
  const o = op.options;
  const [sh, sw, dh, dw] = [o.strideH ?? 1, o.strideW ?? 1, o.dilationH ?? 1, o.dilationW ?? 1];
  const OC = depthwise ? fi : fo;
  const mult = depthwise ? fi / C : 1;
  const OH = outSize(H, kh, sh, dh, o.padding);
  const OW = outSize(W, kw, sw, dw, o.padding);
  const pt = padBefore(H, kh, sh, dh, o.padding);
  const pl = padBefore(W, kw, sw, dw, o.padding);
  const out = new Float32Array(B * OH * OW * OC);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let oc = 0; oc < OC; oc++) {
          let acc: number = bias[oc]!;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh + ky * dh - pt;
            if (iy < 0 || iy >= H) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ix = ox * sw + kx * dw - pl;
              if (ix < 0 || ix >= W) continue;
              const base = ((b * H + iy) * W + ix) * C;
              if (depthwise) {
                acc += x.data[base + Math.floor(oc / mult)]! * filter.data[(ky * kw + kx) * fi + oc]!;
              } else {
                for (let ic = 0; ic < C; ic++)
                  acc += x.data[base + ic]! * filter.data[((oc * kh + ky) * kw + kx) * fi + ic]!;
              }
            }
          }
          out[((b * OH + oy) * OW + ox) * OC + oc] = activate(acc, o.activation);
        }
      }
    }
  }
  return { dims: [B, OH, OW, OC], data: out };
}

/** AVERAGE_POOL_2D; with SAME padding TFLite averages over the in-bounds pixels only. */
function averagePool(x: Nhwc, op: TfliteOperator): Nhwc {
  const [B, H, W, C] = x.dims as [number, number, number, number];
  const o = op.options;
  const [kh, kw, sh, sw] = [o.filterH!, o.filterW!, o.strideH!, o.strideW!];
  const OH = outSize(H, kh, sh, 1, o.padding);
  const OW = outSize(W, kw, sw, 1, o.padding);
  const pt = padBefore(H, kh, sh, 1, o.padding);
  const pl = padBefore(W, kw, sw, 1, o.padding);
  const out = new Float32Array(B * OH * OW * C);
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        for (let c = 0; c < C; c++) {
          let sum = 0;
          let n = 0;
          for (let ky = 0; ky < kh; ky++) {
            for (let kx = 0; kx < kw; kx++) {
              const iy = oy * sh + ky - pt;
              const ix = ox * sw + kx - pl;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              sum += x.data[((b * H + iy) * W + ix) * C + c]!;
              n++;
            }
          }
          out[((b * OH + oy) * OW + ox) * C + c] = activate(sum / n, o.activation);
        }
      }
    }
  }
  return { dims: [B, OH, OW, C], data: out };
}

function softmax(x: Nhwc, beta: number): Nhwc {
  const n = x.dims.at(-1)!;
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < x.data.length / n; r++) {
    const row = x.data.subarray(r * n, (r + 1) * n);
    const max = Math.max(...row);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(beta * (row[i]! - max));
    for (let i = 0; i < n; i++) out[r * n + i] = Math.exp(beta * (row[i]! - max)) / sum;
  }
  return { dims: x.dims, data: out };
}

/**
 * Runs `graph` on an NHWC float32 input; returns every tensor the run produced by index (so a test can
 * read the pre-softmax logits as well as the graph's outputs).
 */
export function runTflite(params: { graph: TfliteGraph; input: Nhwc }): Map<number, Nhwc> {
  const { graph } = params;
  const values = new Map<number, Nhwc>([[graph.inputs[0]!, params.input]]);
  const constant = (i: number): Nhwc => {
    const t = graph.tensors[i]!;
    if (!(t.data instanceof Float32Array))
      throw new Error(`tflite-interpreter: tensor ${t.name} is not a float32 constant`);
    return { dims: [...t.shape], data: t.data };
  };
  for (const op of graph.operators) {
    const x = values.get(op.inputs[0]!)!;
    let y: Nhwc;
    switch (op.op) {
      case "CONV_2D":
      case "DEPTHWISE_CONV_2D":
        y = conv(x, op, constant(op.inputs[1]!), constant(op.inputs[2]!).data);
        break;
      case "AVERAGE_POOL_2D":
        y = averagePool(x, op);
        break;
      case "RESHAPE":
      case "SQUEEZE":
        // Row-major data is unchanged; the graph's own output shape says what it became.
        y = { dims: [...graph.tensors[op.outputs[0]!]!.shape], data: x.data };
        break;
      case "SOFTMAX":
        y = softmax(x, op.options.beta ?? 1);
        break;
      default:
        throw new Error(`tflite-interpreter: operator ${op.op} not implemented`);
    }
    values.set(op.outputs[0]!, y);
  }
  return values;
}
