import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { describe, expect, it } from "vitest";

// These run the built `mobilenet` (apps/cli/dist/bin.js) in a child process with real pipes, as a shell
// runs `mobilenet … | head -1`: build first with `npx turbo run build --filter=@mobilenetv1/cli...`.
const cliDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const bin = join(cliDir, "dist/bin.js");

/** Fails (rather than testing old code) when dist is missing or older than a source file. */
function requireFreshBuild(): void {
  if (!existsSync(bin))
    throw new Error(`${bin} is missing: run npx turbo run build --filter=@mobilenetv1/cli...`);
  const built = statSync(join(cliDir, "dist/program.js")).mtimeMs;
  const stale = readdirSync(join(cliDir, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .filter((f) => statSync(join(cliDir, "src", f)).mtimeMs > built);
  if (stale.length) throw new Error(`dist is older than ${stale.join(", ")}: rebuild the CLI first`);
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  firstLine: string;
  stderr: string;
}

/**
 * Runs the CLI with `args`; `close` says when the parent closes its end of the child's stdout (or stderr):
 * at once, or after the first line arrived.
 */
function run(params: {
  args: string[];
  close: "stdout-at-once" | "stdout-after-first-line" | "stderr-at-once";
}) {
  return new Promise<Run>((done, fail) => {
    const child = spawn(process.execPath, [bin, ...params.args], {
      cwd: resolve(cliDir, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    if (params.close === "stdout-at-once") child.stdout.destroy();
    if (params.close === "stderr-at-once") child.stderr.destroy();
    else child.stderr.on("data", (chunk) => (err += chunk));
    if (params.close !== "stdout-at-once") {
      child.stdout.on("data", (chunk) => {
        out += chunk;
        if (params.close === "stdout-after-first-line" && out.includes("\n")) child.stdout.destroy();
      });
    }
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, firstLine: out.split("\n")[0]!, stderr: err }));
  });
}

function expectQuiet(r: Run) {
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/EPIPE|unexpected error|\n\s+at /);
}

describe("a closed stdout ends the command quietly with exit 141", () => {
  it("classify …many images… | head -1: the first record arrives, then exit 141, nothing on stderr", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    requireFreshBuild();
    // 24 records of ~20 kB (1000 logits) overflow the 64 kB pipe buffer: the child is still writing when
    // the reader goes, whatever the timing.
    const images = Array.from({ length: 24 }, () => "samples/chelsea.png");
    const args = ["classify", ...images, "--model", model, "--json", "--logits", "--batch-size", "1"];
    const r = await run({ args, close: "stdout-after-first-line" });
    expect(JSON.parse(r.firstLine).image).toBe("samples/chelsea.png");
    expect(r.code, r.stderr).toBe(141);
    expect(r.stderr).toBe("");
  });

  it.for([
    ["--help", () => ["--help"]],
    ["classify (table)", (model: string) => ["classify", "samples/chelsea.png", "--model", model]],
    ["info", (model: string) => ["info", model]],
    ["convert", (_model: string, out: string, tfjs: string) => ["convert", tfjs, "--out", out]],
  ] as const)("%s with its stdout already closed → 141, no stack", async ([, args], ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const tfjs = requireShared("weights/keras_mobilenet_v1_0.25_224.tfjs", ctx);
    requireFreshBuild();
    const out = join(await mkdtemp(join(tmpdir(), "cli-epipe-")), "hf");
    const r = await run({ args: [...args(model, out, tfjs)], close: "stdout-at-once" });
    expect(r.code, r.stderr).toBe(141);
    expectQuiet(r);
  });

  it("a closed stderr does not turn an error into a crash: the error's own exit code", async () => {
    requireFreshBuild();
    const r = await run({ args: ["classify", "no/such/image.png"], close: "stderr-at-once" });
    expect(r.code).toBe(2);
    expect(r.signal).toBeNull();
  });
});
