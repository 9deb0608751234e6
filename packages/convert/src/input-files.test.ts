import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelFileNotFoundError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { ConvertInputFileError } from "./errors/convert-errors.js";
import { lexicalPathProblem, maxInputBytesFromEnv, readInputFile } from "./input-files.js";

describe("lexicalPathProblem", () => {
  it.each([
    ["group1-shard1of2.bin", undefined],
    ["sub/shard.bin", undefined],
    ["./shard.bin", undefined],
    ["..shard.bin", undefined], // a name starting with dots is not a parent segment
    ["", "empty"],
    ["..", "parent-segment"],
    ["a/../../b", "parent-segment"],
    ["a\\..\\b", "parent-segment"],
    ["/abs", "absolute"],
    ["\\abs", "absolute"],
    ["c:relative-to-drive", "drive-or-unc"],
    ["D:\\x", "drive-or-unc"],
    ["//server/share", "drive-or-unc"],
    ["\\\\server\\share", "drive-or-unc"],
    ["a\u0000b", "nul-byte"],
  ])("%j → %s", (path, reason) => {
    expect(lexicalPathProblem(path)).toBe(reason);
  });
});

describe("readInputFile: regular files only, capped", () => {
  const expected = "a test file";

  it("reads a regular file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "input-files-"));
    await writeFile(join(dir, "f.bin"), new Uint8Array([1, 2, 3]));
    expect([...(await readInputFile({ file: join(dir, "f.bin"), maxBytes: 3, expected }))]).toEqual([
      1, 2, 3,
    ]);
  });

  it("a FIFO is refused at once, not waited on", async () => {
    const dir = await mkdtemp(join(tmpdir(), "input-files-"));
    execFileSync("mkfifo", [join(dir, "fifo")]);
    await expect(readInputFile({ file: join(dir, "fifo"), maxBytes: 10, expected })).rejects.toMatchObject({
      code: "CONVERT_INPUT_FILE",
      reason: "not-a-file",
      message: expect.stringContaining("FIFO"),
    });
  });

  it("a directory → not-a-file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "input-files-"));
    await mkdir(join(dir, "d"));
    const error = await readInputFile({ file: join(dir, "d"), maxBytes: 10, expected }).catch((e) => e);
    expect(error).toBeInstanceOf(ConvertInputFileError);
    expect(error.reason).toBe("not-a-file");
  });

  it("one byte over the cap → too-large, with the size and the limit", async () => {
    const dir = await mkdtemp(join(tmpdir(), "input-files-"));
    await writeFile(join(dir, "f.bin"), new Uint8Array(11));
    await expect(readInputFile({ file: join(dir, "f.bin"), maxBytes: 10, expected })).rejects.toMatchObject({
      reason: "too-large",
      bytes: 11,
      limit: 10,
    });
  });

  it("a missing file → ModelFileNotFoundError naming it", async () => {
    const file = join(tmpdir(), "input-files-none", "nope.bin");
    const error = await readInputFile({ file, maxBytes: 10, expected }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelFileNotFoundError);
    expect(error.message).toContain(file);
  });
});

describe("maxInputBytesFromEnv (MOBILENET_CONVERT_MAX_BYTES)", () => {
  it("unset or empty → undefined; a positive integer → it", () => {
    expect(maxInputBytesFromEnv({ env: {} })).toBeUndefined();
    expect(maxInputBytesFromEnv({ env: { MOBILENET_CONVERT_MAX_BYTES: "" } })).toBeUndefined();
    expect(maxInputBytesFromEnv({ env: { MOBILENET_CONVERT_MAX_BYTES: "1048576" } })).toBe(1048576);
  });

  it.each(["0", "-1", "1e9", "0x10", "lots", "1.5", "99999999999999999999"])(
    "%j → USAGE naming the variable",
    (value) => {
      expect(() => maxInputBytesFromEnv({ env: { MOBILENET_CONVERT_MAX_BYTES: value } })).toThrow(
        expect.objectContaining({ code: "USAGE", option: "MOBILENET_CONVERT_MAX_BYTES" }),
      );
    },
  );
});
