import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "@mobilenetv1/backend-node";
import { pipeline } from "@mobilenetv1/pipeline";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCliCaptured } from "../../test/run-cli-captured.js";
import type { EmbedRecord } from "../embedding-output.js";

afterEach(() => vi.restoreAllMocks());

const chelsea = join(import.meta.dirname, "../../../../samples/chelsea.png");

function parseLines(text: string): EmbedRecord[] {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EmbedRecord);
}

/** Reads a .npy the way numpy does: header length at bytes 8–9, a dict, then the float32 data. */
function readNpy(bytes: Uint8Array): { header: string; data: Float32Array } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const length = bytes[8]! | (bytes[9]! << 8);
  const header = Buffer.from(bytes.subarray(10, 10 + length)).toString("latin1");
  return { header, data: new Float32Array(bytes.slice(10 + length).buffer) };
}

describe("mobilenet embed", () => {
  it("prints one JSON line per image whose embedding is the pipeline's pooled row, exactly (keras 0.75)", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.75_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const reference = JSON.parse(await readFile(join(model, "REFERENCE.json"), "utf8"));
    const r = await runCliCaptured(["embed", image, chelsea, "--model", model, "--batch-size", "1"]);
    expect(r.code, r.stderr).toBe(0);
    const records = parseLines(r.stdout);
    expect(records.map((x) => x.image)).toEqual([image, chelsea]);
    expect(Object.keys(records[0]!)).toEqual(["image", "embedding"]);
    const extract = await pipeline("image-feature-extraction", model, { backend: "node" });
    const expected = await extract([image, chelsea], { pool: true });
    await extract.dispose();
    // JSON round-trip: the float32 values come back bit for bit.
    expect(Float32Array.from(records.flatMap((x) => x.embedding))).toEqual(expected.data);
    const first5 = records[0]!.embedding.slice(0, 5);
    first5.forEach((v, i) => expect(Math.abs(v - reference.pooler_output.first5[i])).toBeLessThan(1e-4));
  });

  it("--out x.npy: float32 [N, C] numpy can load, rows in input order, names in x.npy.txt; x.jsonl = stdout", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const image = requireShared("images/000000039769.png", ctx);
    const dir = await mkdtemp(join(tmpdir(), "embed-"));
    const images = [image, chelsea, image];
    const stdout = await runCliCaptured(["embed", ...images, "--model", model, "--batch-size", "2"]);
    expect(stdout.code, stdout.stderr).toBe(0);
    const rows = parseLines(stdout.stdout);

    const npy = join(dir, "e.npy");
    const r = await runCliCaptured(["embed", ...images, "--model", model, "--batch-size", "2", "--out", npy]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${npy}.txt`);
    const { header, data } = readNpy(new Uint8Array(await readFile(npy)));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 256\), \} +\n$/);
    expect(data).toEqual(Float32Array.from(rows.flatMap((x) => x.embedding)));
    expect(await readFile(`${npy}.txt`, "utf8")).toBe(images.map((n) => `${n}\n`).join(""));

    const jsonl = join(dir, "e.jsonl");
    const j = await runCliCaptured(["embed", ...images, "--model", model, "--out", jsonl]);
    expect(j.code, j.stderr).toBe(0);
    expect(await readFile(jsonl, "utf8")).toBe(stdout.stdout);
    expect((await readdir(dir)).sort()).toEqual(["e.jsonl", "e.npy", "e.npy.txt"]);
  });

  it("--no-pool: the last layer per image, [N, C, h, w] in the .npy and flattened with its shape in JSON", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "embed-"));
    const r = await runCliCaptured(["embed", chelsea, "--model", model, "--no-pool"]);
    expect(r.code, r.stderr).toBe(0);
    const [record] = parseLines(r.stdout);
    expect(record!.shape).toEqual([256, 7, 7]);
    expect(record!.embedding).toHaveLength(256 * 49);
    const npy = join(dir, "h.npy");
    expect((await runCliCaptured(["embed", chelsea, "--model", model, "--no-pool", "--out", npy])).code).toBe(
      0,
    );
    const { header, data } = readNpy(new Uint8Array(await readFile(npy)));
    expect(header).toContain("'shape': (1, 256, 7, 7), }");
    expect(data).toEqual(Float32Array.from(record!.embedding));
  });

  it("an unreadable image stops the command with exit 4 naming it, and leaves no --out file behind", async (ctx) => {
    const model = requireShared("hf/keras_mobilenet_v1_0.25_224", ctx);
    const dir = await mkdtemp(join(tmpdir(), "embed-"));
    const broken = join(dir, "broken.png");
    await writeFile(broken, "not an image at all");
    const out = join(dir, "out");
    await writeFile(join(dir, "out.npy"), "an older file");
    for (const file of [`${out}.npy`, `${out}.jsonl`]) {
      const r = await runCliCaptured([
        "embed",
        chelsea,
        broken,
        "--model",
        model,
        "--batch-size",
        "1",
        "--out",
        file,
      ]);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/^error \[IMAGE_DECODE\]: .*broken\.png/);
    }
    // The older file is untouched, nothing half-written (nor a temporary file) is left.
    expect((await readdir(dir)).sort()).toEqual(["broken.png", "out.npy"]);
    expect(await readFile(join(dir, "out.npy"), "utf8")).toBe("an older file");
    const stdout = await runCliCaptured(["embed", chelsea, broken, "--model", model, "--batch-size", "1"]);
    expect(stdout.code).toBe(4);
    expect(parseLines(stdout.stdout).map((x) => x.image)).toEqual([chelsea]);
  });

  it("exits 2 on a bad command line, naming the option, before loading any model", async () => {
    const dir = await mkdtemp(join(tmpdir(), "embed-"));
    const newline = join(dir, "two\nlines.png");
    await writeFile(newline, "x");
    for (const [argv, option] of [
      [["embed"], "<image...>"],
      [["embed", chelsea, "--out", join(dir, "x.csv")], "--out"],
      [["embed", chelsea, "--out", ""], "--out"],
      [["embed", chelsea, "--batch-size", "0"], "--batch-size"],
      [["embed", chelsea, "--batch-size", "1e3"], "--batch-size"],
      [["embed", chelsea, "--out", join(dir, "no", "such", "x.npy")], "--out"],
      [["embed", chelsea, "--out", dir + "/"], "--out"],
      [["embed", newline, "--out", join(dir, "x.npy")], "--out"],
      [["embed", "no/such/file.png"], "no/such/file.png"],
    ] as const) {
      const r = await runCliCaptured([...argv, "--model", "/nonexistent/model"]);
      expect(r.code, `${argv.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(option);
    }
    expect((await readdir(dir)).sort()).toEqual(["two\nlines.png"]);
  });

  it("--help names the output forms and the row-order file", async () => {
    const r = await runCliCaptured(["embed", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("x.npy.txt");
    expect(r.stdout).toContain("numpy.load");
    expect(r.stdout).toContain("--no-pool");
  });
});
