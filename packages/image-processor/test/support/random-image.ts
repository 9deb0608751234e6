/**
 * The deterministic "random" images of test/fixtures/make_goldens.py: byte i is the top byte of
 * murmur3's fmix32(i * 0x9E3779B1 + seed * 0x85EBCA77), in uint32 arithmetic, so goldens store only
 * (seed, width, height, channels).
 */
export function randomImage(params: {
  seed: number;
  width: number;
  height: number;
  channels: number;
}): Uint8Array {
  const n = params.width * params.height * params.channels;
  const out = new Uint8Array(n);
  const base = Math.imul(params.seed, 0x85ebca77) >>> 0;
  for (let i = 0; i < n; i++) {
    let h = (Math.imul(i, 0x9e3779b1) + base) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    out[i] = h >>> 24;
  }
  return out;
}
