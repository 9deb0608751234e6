import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ConfigError,
  FileFormatError,
  FileTooLargeError,
  NonFiniteWeightsError,
  NotARegularFileError,
} from "../errors/errors.js";
import { MobileNetV1ForImageClassification } from "../model/for-image-classification.js";
import { loadStateDict } from "../model/load-weights.js";
import { listZipEntries } from "../weights/zip-entries.js";
import { MAX_JSON_FILE_BYTES_ENV, MAX_MODEL_FILE_BYTES, MAX_MODEL_FILE_BYTES_ENV } from "./file-limits.js";
import { localFolderSource } from "./local-folder-node.js";
import type { SourceOptions } from "./model-source.js";

let root: string;
let socket: Server;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "mobilenet-local-folder-"));
  socket = createServer();
  const path = join(root, "socket-folder");
  mkdirSync(path);
  await new Promise<void>((done) => socket.listen(join(path, "config.json"), done));
});
afterAll(() => {
  socket.close();
  rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env[MAX_JSON_FILE_BYTES_ENV];
  delete process.env[MAX_MODEL_FILE_BYTES_ENV];
});

/** A model folder whose `name` is made by `make(path)`. */
function folder(label: string, name: string, make: (path: string) => void): string {
  const dir = join(root, label);
  mkdirSync(dir);
  make(join(dir, name));
  return dir;
}

async function read(dir: string, name: string, options: SourceOptions = {}) {
  const files = await localFolderSource.open({ pathOrId: dir, files: [name], options });
  return files.read(name);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("the read succeeded");
    },
    (e: unknown) => e,
  );
}

describe("local folders read only regular files", () => {
  const kinds: [string, NotARegularFileError["kind"], (path: string) => void][] = [
    ["a directory", "directory", (p) => mkdirSync(p)],
    ["a FIFO (no writer: must not block)", "fifo", (p) => execFileSync("mkfifo", [p])],
    ["a symlink to /dev/zero", "character device", (p) => symlinkSync("/dev/zero", p)],
    ["/dev/null linked in", "character device", (p) => symlinkSync("/dev/null", p)],
  ];
  for (const name of ["config.json", "model.safetensors"]) {
    kinds.forEach(([what, kind, make], i) => {
      it(`${name} that is ${what}: NotARegularFileError naming the file and what it is`, async () => {
        const dir = folder(`${name}-${i}`, name, make);
        const e = await rejection(read(dir, name));
        expect(e).toBeInstanceOf(NotARegularFileError);
        expect(e).toMatchObject({ kind, file: join(dir, name), code: "MODEL_FILE_NOT_REGULAR" });
        expect((e as Error).message).toContain(`${join(dir, name)} is a ${kind}`);
      });
    });
  }

  it("config.json that is a Unix socket: NotARegularFileError", async () => {
    const e = await rejection(read(join(root, "socket-folder"), "config.json"));
    expect(e).toMatchObject({ kind: "socket" });
  });

  it("a weights file that is a directory is reported, not skipped as missing", async () => {
    const dir = folder("weights-dir", "model.safetensors", (p) => mkdirSync(p));
    const files = await localFolderSource.open({ pathOrId: dir, files: [], options: {} });
    expect(await rejection(loadStateDict({ files }))).toBeInstanceOf(NotARegularFileError);
  });

  it("a missing file is undefined; a symlink to a regular file is read", async () => {
    const dir = folder("link", "config.json", (p) => {
      writeFileSync(`${p}.real`, "{}");
      symlinkSync(`${p}.real`, p);
    });
    expect(await read(dir, "missing.json")).toBeUndefined();
    expect(new TextDecoder().decode(await read(dir, "config.json"))).toBe("{}");
  });
});

describe("local folders cap the bytes read per file, before reading", () => {
  const text = '{"num_labels": 3}';
  const dir = () => folder(`cap-${Math.random()}`, "config.json", (p) => writeFileSync(p, text));

  it("JSON files: at the cap is read, one byte over is FileTooLargeError (option and env var)", async () => {
    const d = dir();
    expect(await read(d, "config.json", { maxJsonFileBytes: text.length })).toHaveLength(text.length);
    const e = await rejection(read(d, "config.json", { maxJsonFileBytes: text.length - 1 }));
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toMatchObject({ size: text.length, limit: text.length - 1, code: "FILE_TOO_LARGE" });
    process.env[MAX_JSON_FILE_BYTES_ENV] = String(text.length - 1);
    expect(await rejection(read(d, "config.json"))).toMatchObject({ limit: text.length - 1 });
    process.env[MAX_JSON_FILE_BYTES_ENV] = String(text.length);
    expect(await read(d, "config.json")).toHaveLength(text.length);
  });

  it("an environment variable that is not a positive integer is a ConfigError naming it", async () => {
    for (const bad of ["abc", "-5", "0", "1e9", "12MB", "99999999999999999999"]) {
      process.env[MAX_JSON_FILE_BYTES_ENV] = bad;
      const e = await rejection(read(dir(), "config.json"));
      expect(e).toBeInstanceOf(ConfigError);
      expect(e).toMatchObject({ field: MAX_JSON_FILE_BYTES_ENV, value: bad });
    }
  });

  it("a 3 GiB sparse model.safetensors with a valid header: FileTooLargeError with its size and the limit", async () => {
    const d = folder("sparse", "model.safetensors", (p) => {
      const header = new TextEncoder().encode(
        JSON.stringify({
          w: { dtype: "F32", shape: [3 * 2 ** 28 - 4], data_offsets: [0, 3 * 2 ** 30 - 16] },
        }),
      );
      const head = new Uint8Array(8 + header.length);
      new DataView(head.buffer).setBigUint64(0, BigInt(header.length), true);
      head.set(header, 8);
      writeFileSync(p, head);
      truncateSync(p, 3 * 2 ** 30);
    });
    const files = await localFolderSource.open({ pathOrId: d, files: [], options: {} });
    const e = await rejection(loadStateDict({ files }));
    expect(e).toBeInstanceOf(FileTooLargeError);
    expect(e).toMatchObject({ size: 3 * 2 ** 30, limit: MAX_MODEL_FILE_BYTES });
    expect((e as Error).message).toMatch(
      /model\.safetensors: 3221225472 bytes exceeds the limit of 1073741824 bytes \(maxModelFileBytes \/ MOBILENET_MAX_MODEL_FILE_BYTES\)/,
    );
    process.env[MAX_MODEL_FILE_BYTES_ENV] = String(2 ** 20);
    expect(await rejection(read(d, "model.safetensors"))).toMatchObject({ limit: 2 ** 20 });
  });
});

describe("fromPretrained on a hostile local folder fails with the typed error, before any backend", () => {
  const cases: [string, (path: string) => void, new (...args: never[]) => Error, RegExp][] = [
    ["config.json that is a directory", (p) => mkdirSync(p), NotARegularFileError, /is a directory/],
    ["config.json that is a FIFO", (p) => execFileSync("mkfifo", [p]), NotARegularFileError, /is a fifo/],
    [
      "config.json nested 100 000 deep",
      (p) => writeFileSync(p, "[".repeat(1e5) + "]".repeat(1e5)),
      FileFormatError,
      /deeper than 1000/,
    ],
    [
      "config.json with num_labels 1e9",
      (p) => writeFileSync(p, '{"num_labels": 1e9}'),
      ConfigError,
      /num_labels/,
    ],
  ];
  cases.forEach(([what, make, type, message], i) => {
    it(what, async () => {
      const dir = folder(`e2e-${i}`, "config.json", make);
      const e = await rejection(MobileNetV1ForImageClassification.fromPretrained(dir));
      expect(e).toBeInstanceOf(type);
      expect((e as Error).message).toMatch(message);
    });
  });
});

describe("fromPretrained on a real checkpoint poisoned with NaN (../shared)", () => {
  const source = "hf/keras_mobilenet_v1_0.25_224";
  it("model.safetensors and pytorch_model.bin: NonFiniteWeightsError naming the file's keys", async (ctx) => {
    const real = requireShared(source, ctx);
    const dir = join(root, "poisoned");
    mkdirSync(dir);
    copyFileSync(join(real, "config.json"), join(dir, "config.json"));
    const st = new Uint8Array(readFileSync(join(real, "model.safetensors")));
    const headerLength = Number(new DataView(st.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(st.subarray(8, 8 + headerLength)));
    const [key, entry] = Object.entries(header).find(([, v]) => (v as { dtype?: string }).dtype === "F32")!;
    const begin = 8 + headerLength + (entry as { data_offsets: number[] }).data_offsets[0]!;
    new DataView(st.buffer).setFloat32(begin, Number.NaN, true);
    writeFileSync(join(dir, "model.safetensors"), st);
    const e1 = await rejection(MobileNetV1ForImageClassification.fromPretrained(dir));
    expect(e1).toBeInstanceOf(NonFiniteWeightsError);
    expect((e1 as NonFiniteWeightsError).tensors.map((t) => t.key)).toEqual([key]);
    expect((e1 as NonFiniteWeightsError).file).toBe(join(dir, "model.safetensors"));

    const bin = new Uint8Array(readFileSync(join(real, "pytorch_model.bin")));
    const fail = (m: string): never => {
      throw new Error(m);
    };
    for (const member of listZipEntries(bin, fail).filter((m) => /\/data\/\d+$/.test(m.name))) {
      new DataView(bin.buffer).setFloat32(member.dataOffset, Number.POSITIVE_INFINITY, true);
    }
    writeFileSync(join(dir, "pytorch_model.bin"), bin);
    const e2 = await rejection(
      MobileNetV1ForImageClassification.fromPretrained(dir, { useSafetensors: false }),
    );
    expect(e2).toBeInstanceOf(NonFiniteWeightsError);
    expect((e2 as NonFiniteWeightsError).tensorCount).toBeGreaterThan(NonFiniteWeightsError.MAX_LISTED);
  });
});
