// `pnpm bench`: runs every package's benchmark script (after `turbo run build`) one after the other on
// this machine, prints their tables and writes them to bench-results/latest.md (+ .json).
// Each script measures its own comparisons side by side in one process; ratios are what to read,
// as this 2-core machine is shared and noisy.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const scripts = [];
for (const group of ["packages", "apps"]) {
  for (const pkg of readdirSync(join(root, group))) {
    const dir = join(root, group, pkg, "bench");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".bench.mjs")).sort()) {
      if (only.length === 0 || only.some((o) => f.includes(o) || pkg.includes(o))) scripts.push(join(dir, f));
    }
  }
}

const header = `# Benchmarks\n\nRun: \`pnpm bench\` on ${new Date().toISOString()} — Node ${process.version}, ${process.platform}/${process.arch}.\n`;
const sections = [header];
const results = [];
for (const script of scripts) {
  const name = script.slice(root.length + 1);
  console.error(`\n== ${name}`);
  try {
    const md = execFileSync(process.execPath, [script], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    console.log(md);
    sections.push(`## ${name}\n\n${md.trim()}\n`);
    results.push({ script: name, ok: true });
  } catch (error) {
    console.error(`${name} failed: ${error.message}`);
    sections.push(`## ${name}\n\nfailed: ${error.message}\n`);
    results.push({ script: name, ok: false, error: error.message });
  }
}
mkdirSync(join(root, "bench-results"), { recursive: true });
writeFileSync(join(root, "bench-results/latest.md"), sections.join("\n"));
writeFileSync(join(root, "bench-results/latest.json"), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
console.error("\nwritten: bench-results/latest.md");
if (results.some((r) => !r.ok)) process.exitCode = 1;
