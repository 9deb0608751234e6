/**
 * Builders for hostile zips: a deflate stream of zeros of any size made in O(size/258) bits without
 * allocating its output, and a zip writer whose headers may declare any size (lie).
 */

/**
 * A raw deflate stream (fixed Huffman) that inflates to `1 + 258 * repeats` zero bytes: one literal 0, then
 * `repeats` copies of <length 258, distance 1>, 13 bits each (~1/160 of a bit per output byte).
 */
export function zerosDeflate(params: { repeats: number }): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + 13 * params.repeats + 7) / 8) + 1);
  let bit = 0;
  const lsbFirst = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const huffman = (code: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((code >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  lsbFirst(1, 1); // BFINAL
  lsbFirst(1, 2); // BTYPE = fixed Huffman
  huffman(0x30, 8); // literal 0
  for (let i = 0; i < params.repeats; i++) {
    huffman(0xc5, 8); // length 258 (symbol 285)
    huffman(0, 5); // distance 1
  }
  huffman(0, 7); // end of block
  return out.subarray(0, Math.ceil(bit / 8));
}

/** Output size of {@link zerosDeflate}. */
export const zerosDeflateSize = (repeats: number) => 1 + 258 * repeats;

export interface RawZipEntry {
  name: string;
  /** The bytes as stored in the zip (already deflated when `compression` is 8). */
  packed: Uint8Array;
  /** 0 stored, 8 deflate. @default 0 */
  compression?: number;
  /** The uncompressed size the headers declare. @default packed.byteLength */
  declaredSize?: number;
}

/** A zip of `entries` exactly as given (CRCs are zero: the reader under test does not check them). */
export function rawZip(entries: readonly RawZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const declared = e.declaredSize ?? e.packed.byteLength;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, e.compression ?? 0, true);
    lv.setUint32(18, e.packed.byteLength, true);
    lv.setUint32(22, declared, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, e.compression ?? 0, true);
    cv.setUint32(20, e.packed.byteLength, true);
    cv.setUint32(24, declared, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, e.packed);
    centrals.push(central);
    offset += local.byteLength + e.packed.byteLength;
  }
  const cdSize = centrals.reduce((n, c) => n + c.byteLength, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
