/**
 * PNG row filters (None, Sub, Up, Average, Paeth) undone in JS for the fast PNG path (png-fast-decode.ts):
 * written for speed, since they are half of that path's time. Exactness: byte arithmetic modulo 256 as the
 * PNG specification defines it; the tests compare every filter type against sharp and against source pixels.
 */
/**
 * Undoes the PNG row filters (None, Sub, Up, Average, Paeth) into `out`, `height` rows of `width * bpp`
 * bytes, every byte written; false on an invalid filter type (> 4). The row above the first is zeros.
 */
export function unfilter(
  input: Uint8Array,
  out: Uint8Array,
  width: number,
  height: number,
  bpp: number,
): boolean {
  const stride = width * bpp;
  const zeros = new Uint8Array(stride);
  const words =
    stride % 4 === 0 && out.byteOffset % 4 === 0
      ? new Int32Array(out.buffer, out.byteOffset, out.length >> 2)
      : undefined;
  for (let y = 0; y < height; y++) {
    const p = y * (stride + 1) + 1; // this row's bytes in `input`
    const o = y * stride; // this row in `out`
    const up = y === 0 ? zeros : out; // the row above, at `q`
    const q = y === 0 ? 0 : o - stride;
    switch (input[p - 1]) {
      case 0:
        out.set(input.subarray(p, p + stride), o);
        break;
      case 1:
        if (bpp === 3) subRow3(input, p, out, o, stride);
        else if (bpp === 4) subRow4(input, p, out, o, stride);
        else subRow(input, p, out, o, stride, bpp);
        break;
      case 2:
        if (y === 0) out.set(input.subarray(p, p + stride), o);
        else if (words) upRowWords(input, p, out, words, o, stride);
        else for (let i = 0; i < stride; i++) out[o + i] = input[p + i]! + out[q + i]!;
        break;
      case 3:
        averageRow(input, p, out, o, up, q, stride, bpp);
        break;
      case 4:
        if (bpp === 3) paethRow3(input, p, out, o, up, q, stride);
        else if (bpp === 4) paethRow4(input, p, out, o, up, q, stride);
        else paethRow(input, p, out, o, up, q, stride, bpp);
        break;
      default:
        return false;
    }
  }
  return true;
}

// The row functions below undo one filter type. Sub, Average and Paeth keep the left (and up-left) bytes
// in locals, one dependency chain per channel, instead of reading back what they just wrote: about twice
// as fast. The first pixel of a row has no left neighbour (a = c = 0): Sub and Average start their chains
// at a = 0, Paeth (which then picks b) does it before its loop; so the loops have no per-byte branch.
// Sums are taken modulo 256 (`& 255`, or by the Uint8Array store).

/** Up, four bytes at a time (rows are 4-byte aligned): a bytewise add without carries between bytes. */
function upRowWords(
  input: Uint8Array,
  p: number,
  out: Uint8Array,
  words: Int32Array,
  o: number,
  stride: number,
) {
  out.set(input.subarray(p, p + stride), o);
  for (let k = o >> 2, end = (o + stride) >> 2, d = stride >> 2; k < end; k++) {
    const x = words[k]!;
    const b = words[k - d]!;
    words[k] = ((x & 0x7f7f7f7f) + (b & 0x7f7f7f7f)) ^ ((x ^ b) & 0x80808080);
  }
}

function subRow(input: Uint8Array, p: number, out: Uint8Array, o: number, stride: number, bpp: number) {
  for (let ch = 0; ch < bpp; ch++) {
    let a = 0;
    for (let i = ch; i < stride; i += bpp) {
      a = (input[p + i]! + a) & 255;
      out[o + i] = a;
    }
  }
}

function subRow3(input: Uint8Array, p: number, out: Uint8Array, o: number, stride: number) {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < stride; i += 3) {
    a0 = (input[p + i]! + a0) & 255;
    a1 = (input[p + i + 1]! + a1) & 255;
    a2 = (input[p + i + 2]! + a2) & 255;
    out[o + i] = a0;
    out[o + i + 1] = a1;
    out[o + i + 2] = a2;
  }
}

function subRow4(input: Uint8Array, p: number, out: Uint8Array, o: number, stride: number) {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let i = 0; i < stride; i += 4) {
    a0 = (input[p + i]! + a0) & 255;
    a1 = (input[p + i + 1]! + a1) & 255;
    a2 = (input[p + i + 2]! + a2) & 255;
    a3 = (input[p + i + 3]! + a3) & 255;
    out[o + i] = a0;
    out[o + i + 1] = a1;
    out[o + i + 2] = a2;
    out[o + i + 3] = a3;
  }
}

function averageRow(
  input: Uint8Array,
  p: number,
  out: Uint8Array,
  o: number,
  up: Uint8Array,
  q: number,
  stride: number,
  bpp: number,
) {
  for (let ch = 0; ch < bpp; ch++) {
    let a = 0;
    for (let i = ch; i < stride; i += bpp) {
      a = (input[p + i]! + ((a + up[q + i]!) >> 1)) & 255;
      out[o + i] = a;
    }
  }
}

/**
 * The Paeth predictor of left `a`, up `b`, up-left `c`, without branches: the data decides the choice,
 * so a branchy version mispredicts on photos and runs several times slower.
 */
function paeth(a: number, b: number, c: number): number {
  let pa = b - c; // |p - a| with p = a + b - c
  let pb = a - c; // |p - b|
  let pc = pa + pb; // |p - c|
  let sign = pa >> 31;
  pa = (pa ^ sign) - sign;
  sign = pb >> 31;
  pb = (pb ^ sign) - sign;
  sign = pc >> 31;
  pc = (pc ^ sign) - sign;
  const notA = ((pb - pa) | (pc - pa)) >> 31; // -1 when pb < pa or pc < pa
  const bOrC = b ^ ((b ^ c) & ((pc - pb) >> 31)); // b, or c when pc < pb
  return a ^ ((a ^ bOrC) & notA);
}

function paethRow(
  input: Uint8Array,
  p: number,
  out: Uint8Array,
  o: number,
  up: Uint8Array,
  q: number,
  stride: number,
  bpp: number,
) {
  for (let ch = 0; ch < bpp; ch++) {
    let c = up[q + ch]!;
    let a = (input[p + ch]! + c) & 255;
    out[o + ch] = a;
    for (let i = bpp + ch; i < stride; i += bpp) {
      const b = up[q + i]!;
      a = (input[p + i]! + paeth(a, b, c)) & 255;
      out[o + i] = a;
      c = b;
    }
  }
}

function paethRow3(
  input: Uint8Array,
  p: number,
  out: Uint8Array,
  o: number,
  up: Uint8Array,
  q: number,
  stride: number,
) {
  let c0 = up[q]!;
  let c1 = up[q + 1]!;
  let c2 = up[q + 2]!;
  let a0 = (input[p]! + c0) & 255;
  let a1 = (input[p + 1]! + c1) & 255;
  let a2 = (input[p + 2]! + c2) & 255;
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
  for (let i = 3; i < stride; i += 3) {
    const b0 = up[q + i]!;
    const b1 = up[q + i + 1]!;
    const b2 = up[q + i + 2]!;
    a0 = (input[p + i]! + paeth(a0, b0, c0)) & 255;
    a1 = (input[p + i + 1]! + paeth(a1, b1, c1)) & 255;
    a2 = (input[p + i + 2]! + paeth(a2, b2, c2)) & 255;
    out[o + i] = a0;
    out[o + i + 1] = a1;
    out[o + i + 2] = a2;
    c0 = b0;
    c1 = b1;
    c2 = b2;
  }
}

function paethRow4(
  input: Uint8Array,
  p: number,
  out: Uint8Array,
  o: number,
  up: Uint8Array,
  q: number,
  stride: number,
) {
  let c0 = up[q]!;
  let c1 = up[q + 1]!;
  let c2 = up[q + 2]!;
  let c3 = up[q + 3]!;
  let a0 = (input[p]! + c0) & 255;
  let a1 = (input[p + 1]! + c1) & 255;
  let a2 = (input[p + 2]! + c2) & 255;
  let a3 = (input[p + 3]! + c3) & 255;
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
  out[o + 3] = a3;
  for (let i = 4; i < stride; i += 4) {
    const b0 = up[q + i]!;
    const b1 = up[q + i + 1]!;
    const b2 = up[q + i + 2]!;
    const b3 = up[q + i + 3]!;
    a0 = (input[p + i]! + paeth(a0, b0, c0)) & 255;
    a1 = (input[p + i + 1]! + paeth(a1, b1, c1)) & 255;
    a2 = (input[p + i + 2]! + paeth(a2, b2, c2)) & 255;
    a3 = (input[p + i + 3]! + paeth(a3, b3, c3)) & 255;
    out[o + i] = a0;
    out[o + i + 1] = a1;
    out[o + i + 2] = a2;
    out[o + i + 3] = a3;
    c0 = b0;
    c1 = b1;
    c2 = b2;
    c3 = b3;
  }
}
