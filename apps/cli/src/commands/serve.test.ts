// `mobilenet serve` in a child process, as a container runs it: the first stdout line, the official HF
// client against `mobilenet classify`, SIGTERM under load, and a taken port.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as createNetServer } from "node:net";
import { join, resolve } from "node:path";
import { InferenceClient } from "@huggingface/inference";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, describe, expect, it } from "vitest";
import { classify } from "./classify.js";
import { defaultModelName } from "./serve.js";

const BIN = resolve(import.meta.dirname, "../../dist/bin.js");
const CHELSEA = resolve(import.meta.dirname, "../../../../samples/chelsea.png");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `mobilenet serve` and resolves with its URL once the first stdout line is out. */
function serve(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI first (pnpm build)`);
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const listening = new Promise<string>((ok, fail) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("\n")) ok(stdout.split("\n")[0]!);
    });
    void exited.then((code) => fail(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  listening.catch(() => {}); // tests that expect an early exit never await it
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe("mobilenet serve", () => {
  it("prints `listening on URL` first, and the HF client gets classify's top-5", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const images = [CHELSEA, requireShared("images/000000039769.png", ctx)];
    // the port from the environment, as the container image sets it
    const server = serve(["--model", model], { MOBILENET_SERVE_PORT: "0" });
    const line = await server.listening;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice("listening on ".length);

    const lines: string[] = [];
    await classify({
      images,
      options: { model, backend: "node", top: "5", batchSize: "8", json: true },
      write: (s) => lines.push(s),
    });
    const expected = lines.map((l) => JSON.parse(l) as { top: { label: string; score: number }[] });
    const client = new InferenceClient();
    for (const [i, image] of images.entries()) {
      const got = await client.imageClassification({
        endpointUrl: url,
        data: new Blob([await readFile(image)]),
      });
      expect(got.map((g) => g.label)).toEqual(expected[i]!.top.map((p) => p.label));
      got.forEach((g, k) => expect(g.score).toBeCloseTo(expected[i]!.top[k]!.score, 5));
    }
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const logs = server
      .output()
      .stderr.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.filter((l) => l.msg === "request" && l.route === "/")).toHaveLength(2);
  });

  it("on SIGTERM under load, answers every request already received and exits 0", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    // one image per forward, so a queue builds up behind the model
    const server = serve(["--model", model, "--port", "0", "--max-batch", "1", "--threads", "1"]);
    const url = (await server.listening).slice("listening on ".length);
    const bytes = await readFile(CHELSEA);
    const count = 24;
    const requests = Array.from({ length: count }, () =>
      fetch(url, { method: "POST", body: bytes }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
    // SIGTERM once every request has been received and some still wait for the model
    const end = Date.now() + 30_000;
    for (;;) {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const sum = (re: RegExp) => [...metrics.matchAll(re)].reduce((a, m) => a + Number(m[1]), 0);
      const inFlight = sum(/^mobilenet_serve_requests_in_flight (\d+)$/gm);
      const answered = sum(
        /^mobilenet_serve_requests_total\{route="\/",method="POST",status="\d+"\} (\d+)$/gm,
      );
      if (inFlight + answered === count && inFlight >= 4) break;
      if (answered === count || Date.now() > end)
        throw new Error(`could not catch requests in flight:\n${metrics}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    server.child.kill("SIGTERM");
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status)).toEqual(new Array(count).fill(200));
    for (const r of results) expect(r.body).toEqual(results[0]!.body);
    expect(results[0]!.body).toHaveLength(5);
    expect(await server.exited).toBe(0);
    expect(server.output().stderr).toContain('"msg":"shutting down"');
  });

  it("exits 2 naming --port when the port is taken", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const blocker = createNetServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const server = serve(["--model", model, "--port", String(port)]);
      expect(await server.exited).toBe(2);
      expect(server.output().stderr).toMatch(
        /error \[USAGE\]: --port: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/,
      );
    } finally {
      blocker.close();
    }
  });

  it("exits 2 for a bad limit before loading anything", async () => {
    const server = serve(["--model", "/nonexistent", "--max-batch", "0"]);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain('--max-batch: "0" is not an integer >= 1');
  });

  it("exits 2 for --threads with a backend other than node", async () => {
    const server = serve(["--model", "/nonexistent", "--backend", "web", "--threads", "2"]);
    expect(await server.exited).toBe(2);
    expect(server.output().stderr).toContain("--threads: applies to --backend node only");
  });

  it("names the v2 model after the last part of --model", () => {
    expect(defaultModelName("google/mobilenet_v1_1.0_224")).toBe("mobilenet_v1_1.0_224");
    expect(defaultModelName(join("..", "shared", "hf", "keras_mobilenet_v1_0.75_224/"))).toBe(
      "keras_mobilenet_v1_0.75_224",
    );
  });
});
