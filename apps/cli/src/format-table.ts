import type { ClassifyRecord } from "./commands/classify.js";

/** A small human-readable table for one image. */
export function formatPredictionTable(params: { record: ClassifyRecord; size: readonly number[] }): string {
  const { record } = params;
  const t = record.timings;
  const head =
    `${record.image}  (${record.model} on ${record.backend}; input ${params.size.join("×")}; ` +
    `preprocess ${t.preprocess} ms, inference ${t.inference} ms)\n`;
  const width = Math.min(48, Math.max(5, ...record.top.map((p) => p.label.length)));
  const lines = record.top.map((p, i) => {
    const label = p.label.length > width ? `${p.label.slice(0, width - 1)}…` : p.label.padEnd(width);
    return `  ${String(i + 1).padStart(2)}  ${label}  ${(p.score * 100).toFixed(2).padStart(6)} %  (class ${p.index})`;
  });
  return `${head}${lines.join("\n")}\n\n`;
}
