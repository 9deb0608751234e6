/**
 * The handful of ONNX operators core's float graphs use, as plain loops over NCHW float32 arrays
 * (float64 accumulation). Written from the ONNX operator specs, not from core's graph builder, so the fake
 * backend checks what core emits instead of restating it.
 */

/** A float32 tensor in the interpreter: dims and row-major data. */
export interface Value {
  dims: number[];
  data: Float32Array;
}

/** An operator's attributes, decoded: ints, int lists, floats and strings. */
export type Attributes = Record<string, number | number[] | string>;

function nchw(x: Value): [number, number, number, number] {
  if (x.dims.length !== 4) throw new Error(`expected a 4-d NCHW tensor, got dims [${x.dims}]`);
  return x.dims as [number, number, number, number];
}

/** Begin/end padding of one axis: explicit `pads`, or `auto_pad` SAME_UPPER / VALID. */
function padsFor(params: {
  attrs: Attributes;
  axis: 0 | 1;
  size: number;
  kernel: number;
  stride: number;
  dilation: number;
}): [number, number] {
  const { attrs, axis, size, kernel, stride, dilation } = params;
  const autoPad = attrs["auto_pad"] ?? "NOTSET";
  if (autoPad === "VALID") return [0, 0];
  if (autoPad === "SAME_UPPER") {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  }
  if (autoPad !== "NOTSET") throw new Error(`auto_pad ${autoPad} is not supported`);
  const pads = (attrs["pads"] as number[] | undefined) ?? [0, 0, 0, 0];
  return [pads[axis]!, pads[axis + 2]!];
}

/** ONNX `Conv` (2-d, with group, strides, dilations, pads or auto_pad, optional bias). */
export function conv(x: Value, w: Value, bias: Value | undefined, attrs: Attributes): Value {
  const [n, c, h, wd] = nchw(x);
  const [m, cPerGroup, kh, kw] = nchw(w);
  const group = (attrs["group"] as number | undefined) ?? 1;
  const [sh, sw] = (attrs["strides"] as number[] | undefined) ?? [1, 1];
  const [dh, dw] = (attrs["dilations"] as number[] | undefined) ?? [1, 1];
  if (c !== cPerGroup * group) throw new Error(`Conv: ${c} input channels for weight dims [${w.dims}]`);
  const [pt, pb] = padsFor({ attrs, axis: 0, size: h, kernel: kh, stride: sh!, dilation: dh! });
  const [pl, pr] = padsFor({ attrs, axis: 1, size: wd, kernel: kw, stride: sw!, dilation: dw! });
  const oh = Math.floor((h + pt + pb - (dh! * (kh - 1) + 1)) / sh!) + 1;
  const ow = Math.floor((wd + pl + pr - (dw! * (kw - 1) + 1)) / sw!) + 1;
  const out = new Float32Array(n * m * oh * ow);
  const mPerGroup = m / group;
  for (let b = 0; b < n; b++)
    for (let o = 0; o < m; o++) {
      const g = Math.floor(o / mPerGroup);
      for (let y = 0; y < oh; y++)
        for (let xo = 0; xo < ow; xo++) {
          let acc = bias ? bias.data[o]! : 0;
          for (let ci = 0; ci < cPerGroup; ci++) {
            const plane = (b * c + g * cPerGroup + ci) * h;
            for (let ky = 0; ky < kh; ky++) {
              const iy = y * sh! - pt + ky * dh!;
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = xo * sw! - pl + kx * dw!;
                if (ix < 0 || ix >= wd) continue;
                acc += x.data[(plane + iy) * wd + ix]! * w.data[((o * cPerGroup + ci) * kh + ky) * kw + kx]!;
              }
            }
          }
          out[((b * m + o) * oh + y) * ow + xo] = acc;
        }
    }
  return { dims: [n, m, oh, ow], data: out };
}

/** ONNX `BatchNormalization` in inference mode: scale·(x − mean)/√(var + ε) + bias per channel. */
export function batchNorm(
  x: Value,
  scale: Value,
  bias: Value,
  mean: Value,
  variance: Value,
  attrs: Attributes,
): Value {
  const [n, c, h, w] = nchw(x);
  const eps = (attrs["epsilon"] as number | undefined) ?? 1e-5;
  const out = new Float32Array(x.data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++) {
      const k = scale.data[ch]! / Math.sqrt(variance.data[ch]! + eps);
      const base = (b * c + ch) * h * w;
      for (let i = 0; i < h * w; i++)
        out[base + i] = (x.data[base + i]! - mean.data[ch]!) * k + bias.data[ch]!;
    }
  return { dims: [...x.dims], data: out };
}

/** ONNX `AveragePool` without padding (`auto_pad` VALID or zero pads), and `GlobalAveragePool`. */
export function averagePool(x: Value, attrs: Attributes | "global"): Value {
  const [n, c, h, w] = nchw(x);
  const global = attrs === "global";
  if (!global && (attrs["pads"] as number[] | undefined)?.some((p) => p !== 0))
    throw new Error("AveragePool: padding is not supported");
  const [kh, kw] = global ? [h, w] : (attrs["kernel_shape"] as number[]);
  const [sh, sw] = global ? [1, 1] : ((attrs["strides"] as number[] | undefined) ?? [1, 1]);
  const oh = Math.floor((h - kh!) / sh!) + 1;
  const ow = Math.floor((w - kw!) / sw!) + 1;
  const out = new Float32Array(n * c * oh * ow);
  for (let p = 0; p < n * c; p++)
    for (let y = 0; y < oh; y++)
      for (let xo = 0; xo < ow; xo++) {
        let acc = 0;
        for (let ky = 0; ky < kh!; ky++)
          for (let kx = 0; kx < kw!; kx++) acc += x.data[(p * h + y * sh! + ky) * w + xo * sw! + kx]!;
        out[(p * oh + y) * ow + xo] = acc / (kh! * kw!);
      }
  return { dims: [n, c, oh, ow], data: out };
}

/** ONNX `Gemm`: alpha·A'·B' + beta·C with optional transposes (C broadcast along rows). */
export function gemm(a: Value, b: Value, c: Value | undefined, attrs: Attributes): Value {
  const transA = attrs["transA"] === 1;
  const transB = attrs["transB"] === 1;
  const alpha = (attrs["alpha"] as number | undefined) ?? 1;
  const beta = (attrs["beta"] as number | undefined) ?? 1;
  const [m, k] = transA ? [a.dims[1]!, a.dims[0]!] : [a.dims[0]!, a.dims[1]!];
  const n = transB ? b.dims[0]! : b.dims[1]!;
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++)
        acc += a.data[transA ? p * m + i : i * k + p]! * b.data[transB ? j * k + p : p * n + j]!;
      const bias = c ? c.data[c.data.length === 1 ? 0 : c.data.length === n ? j : i * n + j]! : 0;
      out[i * n + j] = alpha * acc + beta * bias;
    }
  return { dims: [m, n], data: out };
}

/** ONNX `Flatten` at `axis` (default 1). */
export function flatten(x: Value, attrs: Attributes): Value {
  const axis = (attrs["axis"] as number | undefined) ?? 1;
  const rows = x.dims.slice(0, axis).reduce((p, d) => p * d, 1);
  return { dims: [rows, x.data.length / rows], data: x.data };
}

/** An elementwise function of one tensor. */
export function map(x: Value, f: (v: number) => number): Value {
  return { dims: [...x.dims], data: x.data.map(f) };
}

/** An elementwise function of two tensors of equal dims, or of a tensor and a one-element tensor. */
export function zip(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (b.data.length === 1) return map(a, (v) => f(v, b.data[0]!));
  if (a.data.length === 1) return map(b, (v) => f(a.data[0]!, v));
  if (a.dims.join() !== b.dims.join()) throw new Error(`broadcast of [${a.dims}] and [${b.dims}]`);
  return { dims: [...a.dims], data: a.data.map((v, i) => f(v, b.data[i]!)) };
}
