// `pnpm bench`: runs every package's benchmark script (after `turbo run build`) one after the other on
// this machine, prints their tables and writes them to bench-results/latest.md (+ .json).
// Each script measures its own comparisons side by side in one process; ratios are what to read,
// as this 2-core machine is shared and noisy.
//
//   node packages/bench-support/run.mjs [filter...]   e.g. `node packages/bench-support/run.mjs peers int8`
//   node packages/bench-support/run.mjs --list [filter...]   prints the scripts that would run, runs nothing
// With filters, only the matching scripts run, and their sections replace the same scripts' sections
// of the previous latest.md; the other sections are kept (each says when it was measured).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const outDir = join(root, "bench-results");
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("-"));
const all = [];
for (const group of ["packages", "apps"]) {
  for (const pkg of readdirSync(join(root, group))) {
    const dir = join(root, group, pkg, "bench");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith(".bench.mjs"))
      .sort()) {
      all.push({ path: join(dir, f), name: `${group}/${pkg}/bench/${f}`, pkg, file: f });
    }
  }
}
const scripts = all.filter(
  ({ pkg, file }) => only.length === 0 || only.some((o) => file.includes(o) || pkg.includes(o)),
);

const USAGE =
  "usage: node packages/bench-support/run.mjs [--list] [filter...]\n" +
  "Runs every packages/*/bench and apps/*/bench *.bench.mjs (or those whose file or package name\n" +
  "contains a filter) after `pnpm build`, and writes bench-results/latest.md; --list only prints them.";
const unknown = args.filter((a) => a.startsWith("-") && !["--list", "--help", "-h"].includes(a));
if (unknown.length > 0) {
  // Refused rather than ignored: a mistyped flag must not start a 20-minute run.
  console.error(`unknown option ${unknown.join(", ")}\n${USAGE}`);
  process.exit(2);
}
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
if (args.includes("--list")) {
  for (const { name } of scripts) console.log(name);
  process.exit(0);
}

const previous = only.length > 0 ? readPrevious() : [];
const results = [];
for (const { path, name } of scripts) {
  console.error(`\n== ${name}`);
  const date = new Date().toISOString();
  try {
    const md = execFileSync(process.execPath, [path], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 << 20,
    });
    console.log(md);
    results.push({ script: name, ok: true, date, markdown: md.trim() });
  } catch (error) {
    console.error(`${name} failed: ${error.message}`);
    results.push({
      script: name,
      ok: false,
      date,
      error: error.message,
      markdown: `failed: ${error.message}`,
    });
  }
}

// Keep earlier sections of scripts that did not run this time (filtered runs), in the scripts' order.
const byScript = new Map([...previous, ...results].map((r) => [r.script, r]));
const merged = all.map(({ name }) => byScript.get(name)).filter(Boolean);
const header =
  `# Benchmarks\n\nWritten by \`pnpm bench\` (packages/bench-support/run.mjs) on ${new Date().toISOString()} — ` +
  `Node ${process.version}, ${process.platform}/${process.arch}. Each section says when it was measured.\n`;
const sections = merged.map((r) => `## ${r.script}\n\nMeasured ${r.date}.\n\n${r.markdown}\n`);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "latest.md"), [header, ...sections].join("\n"));
writeFileSync(
  join(outDir, "latest.json"),
  JSON.stringify({ date: new Date().toISOString(), results: merged }, null, 2),
);
console.error("\nwritten: bench-results/latest.md");
if (results.some((r) => !r.ok)) process.exitCode = 1;

function readPrevious() {
  try {
    const json = JSON.parse(readFileSync(join(outDir, "latest.json"), "utf8"));
    // Results written before sections were kept in latest.json have no markdown: nothing to keep.
    return (json.results ?? []).filter((r) => typeof r.markdown === "string");
  } catch {
    return [];
  }
}
