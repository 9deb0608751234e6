// Timing helpers shared by the *.bench.mjs scripts: interleaved rounds, medians, markdown tables.
import { setTimeout as sleep } from "node:timers/promises";

/** The median of a list of numbers (upper middle for even lengths, as the other benches). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds taken by `fn()` (awaited) and its result. */
export async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Runs each case `rounds` times (a case may ask for fewer with its own `rounds`), interleaved: every
 * round runs every case once, in a freshly shuffled order (seeded), so drift on a shared machine hits all
 * alike and no case always runs right after the same other one (whose leftovers — GC, thread pools
 * spinning down, caches — would then always land on it). `settleMs` of idle time precede each case.
 * `run()` returns either nothing (the whole call is timed) or `{ stages: { name: ms } }` to record stages
 * as well. Returns, per case name, `{ ms: median, samples, stages: { name: median } }`.
 *
 * @example
 * const r = await interleave({ cases: [{ name: "a", run: () => work() }], rounds: 20, warmup: 3 });
 * r.a.ms // median milliseconds
 */
export async function interleave({ cases, rounds, warmup = 2, settleMs = 10 }) {
  const random = mulberry32(rounds * 7919 + cases.length);
  for (const c of cases) for (let i = 0; i < (c.warmup ?? warmup); i++) await c.run();
  const samples = Object.fromEntries(cases.map((c) => [c.name, { total: [], stages: {} }]));
  for (let round = 0; round < rounds; round++) {
    const active = shuffle(
      cases.filter((c) => round < (c.rounds ?? rounds)),
      random,
    );
    for (const c of active) {
      await sleep(settleMs);
      const { ms, value } = await timed(() => c.run());
      const s = samples[c.name];
      s.total.push(ms);
      for (const [stage, t] of Object.entries(value?.stages ?? {})) {
        s.stages[stage] ??= [];
        s.stages[stage].push(t);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [
      name,
      {
        ms: median(s.total),
        samples: s.total,
        stages: Object.fromEntries(Object.entries(s.stages).map(([k, v]) => [k, median(v)])),
      },
    ]),
  );
}

function shuffle(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A markdown table from a header list and rows of cells. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Fixed decimals, or "–" when there is no number. */
export function fmt(x, digits = 2) {
  return typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "–";
}

/** "label (0.79)" for a top-5 list's first entry. */
export function top1(top5) {
  const t = top5?.[0];
  return t ? `${t.label} (${t.score.toFixed(3)})` : "–";
}
