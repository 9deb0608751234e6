/**
 * The validation split: stratified per class and seeded, the only randomness of a fit. Each class's rows
 * are shuffled with a PRNG seeded from `seed` (mulberry32, a tiny 32-bit generator: the split must be the
 * same in every browser and Node version, which `Math.random` cannot promise), and the first
 * `round(n · valSplit)` go to validation, capped so every class keeps at least one training row.
 */

/** mulberry32: a deterministic PRNG over 32-bit state, returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits row indices into training and validation rows, per class.
 *
 * @example
 * stratifiedSplit({ y: Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1), k: 2, valSplit: 0.25, seed: 0 })
 * // { train: [0, 1, 3, 5, 6, 7], val: [2, 4] } (which rows depends on the seed; one per class here)
 */
export function stratifiedSplit(params: { y: Int32Array; k: number; valSplit: number; seed: number }): {
  train: number[];
  val: number[];
} {
  const { y, k, valSplit } = params;
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let row = 0; row < y.length; row++) byClass[y[row]!]!.push(row);
  // Mix the seed so seeds 0, 1, 2… give unrelated streams.
  const random = mulberry32(Math.imul(params.seed ^ 0x9e3779b9, 0x85ebca6b));
  const train: number[] = [];
  const val: number[] = [];
  for (const rows of byClass) {
    const held = Math.min(Math.round(rows.length * valSplit), rows.length - 1);
    if (held <= 0) {
      train.push(...rows);
      continue;
    }
    // Fisher–Yates on a copy, in file order first, so a given seed always holds out the same rows.
    const shuffled = rows.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    val.push(...shuffled.slice(0, held));
    train.push(...shuffled.slice(held));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), val: val.sort(ascending) };
}
