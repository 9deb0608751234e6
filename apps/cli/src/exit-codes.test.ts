import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError, MobileNetError, type MobileNetErrorCode, NetworkTimeoutError } from "@mobilenetv1/core";
import { HubRepoIdError, HubRevisionError, HubTokenError } from "@mobilenetv1/hub";
import { describe, expect, it, vi } from "vitest";
import { EXIT, EXIT_CODE_BY_ERROR_CODE, exitCodeFor } from "./exit-codes.js";
import { runCli } from "./program.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const scanRoot = process.env.MOBILENET_ERROR_SCAN_ROOT ?? root;

/** Every .ts source (not tests, not generated schema) of packages/* and apps/*. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "dist", "tflite-schema"].includes(entry.name)) walk(path);
      } else if (
        /\.tsx?$/.test(entry.name) &&
        !/\.test\.tsx?$/.test(entry.name) &&
        !entry.name.endsWith(".d.ts")
      ) {
        out.push(path);
      }
    }
  };
  for (const group of ["packages", "apps"])
    for (const pkg of readdirSync(join(scanRoot, group))) {
      const src = join(scanRoot, group, pkg, "src");
      try {
        walk(src);
      } catch {
        // a package without src/
      }
    }
  return out;
}

/**
 * The codes given to MobileNetError's constructor: the string literals in the first argument of
 * `super(...)` in classes that extend an error, and of `new MobileNetError(...)` (a conditional first
 * argument gives both of its codes), and in `code: …` properties (codes passed through a params object).
 * `MOBILENET_ERROR_SCAN_ROOT` scans another checkout (e.g. a branch before a merge).
 */
function errorCodesInSources(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sources()) {
    const text = readFileSync(file, "utf8");
    if (!/extends \w*Error\b|new MobileNetError\(/.test(text)) continue;
    // `super("CODE", …)`, `super(cond ? "A" : "B", …)`, and codes handed on as `{ code: "CODE" }`.
    const places = [
      ...text.matchAll(/(?:super|new MobileNetError)\(\s*([^,{]*?),/gs),
      ...text.matchAll(/\bcode:\s*([^,\n}]+)/g),
    ];
    for (const match of places) {
      for (const literal of match[1]!.matchAll(/"([A-Z][A-Z0-9_]+)"/g))
        codes.set(literal[1]!, file.slice(scanRoot.length + 1));
    }
  }
  return codes;
}

/**
 * The decision for each code, written out here on purpose: a new error code in any package fails this
 * test until someone decides its exit code (in EXIT_CODE_BY_ERROR_CODE and here).
 */
const EXPECTED: Record<MobileNetErrorCode, number> = {
  USAGE: 2,
  OUTPUT_UNWRITABLE: 2,
  CONFIG_INVALID: 3,
  CHECKPOINT_NAME: 3,
  CHECKPOINT_QUANTIZED: 3,
  FILE_FORMAT: 3,
  PICKLE_UNSAFE: 3,
  WEIGHTS_MISMATCH: 3,
  MODEL_FILE_NOT_FOUND: 3,
  MODEL_TYPE_UNSUPPORTED: 3,
  FILE_TOO_LARGE: 3,
  MODEL_FILE_NOT_REGULAR: 3,
  WEIGHTS_NON_FINITE: 3,
  MODEL_OUTPUT_NON_FINITE: 3,
  NETWORK_TIMEOUT: 3,
  HUB_REPO_NOT_FOUND: 3,
  HUB_REVISION_NOT_FOUND: 3,
  HUB_UNAUTHORIZED: 3,
  HUB_OFFLINE_NOT_CACHED: 3,
  HUB_UNREACHABLE: 3,
  HUB_INTEGRITY: 3,
  HUB_UNSAFE_PATH: 3,
  HUB_HTTP: 3,
  HUB_INVALID_REPO_ID: 3,
  HUB_INVALID_REVISION: 3,
  HUB_INVALID_TOKEN: 3,
  HUB_INVALID_SETTING: 3,
  HUB_FILE_TOO_LARGE: 3,
  HUB_CACHE_FILE_INVALID: 3,
  CONVERT_UNSAFE_PATH: 3,
  CONVERT_INPUT_FILE: 3,
  INPUT_INVALID: 4,
  IMAGE_DECODE: 4,
  IMAGE_SOURCE: 4,
  IMAGE_EMPTY: 4,
  IMAGE_TOO_LARGE: 4,
  DEPENDENCY_MISSING: 4,
  TRAIN_EMPTY_CLASS: 4,
  TRAIN_TOO_FEW_CLASSES: 4,
  TRAIN_EMBEDDING_SHAPE: 4,
  TRAIN_LABEL_COLLISION: 4,
  TRAIN_NO_IMAGES: 4,
  TRAIN_DATASET_FOLDER: 4,
  BACKEND: 5,
  OUTPUT_CLOSED: 141,
  SERVE_QUEUE_FULL: 1,
  SERVE_TIMEOUT: 1,
  SERVE_SHUTTING_DOWN: 1,
  SERVE_MODEL_NOT_FOUND: 1,
  SERVE_MEDIA_TYPE: 1,
  SERVE_BODY_TOO_LARGE: 1,
  SERVE_BAD_REQUEST: 1,
};

describe("exitCodeFor: a decision for every error code in the workspace", () => {
  const found = errorCodesInSources();

  it("finds the codes (the scan itself works)", () => {
    for (const code of ["CONFIG_INVALID", "CHECKPOINT_QUANTIZED", "IMAGE_TOO_LARGE", "HUB_HTTP", "USAGE"])
      expect(found.has(code), code).toBe(true);
  });

  it("every code thrown somewhere has an exit code decided in EXIT_CODE_BY_ERROR_CODE", () => {
    const undecided = [...found].filter(
      ([code]) => !(code in EXIT_CODE_BY_ERROR_CODE) || !(code in EXPECTED),
    );
    expect(undecided.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))("%s → exit %i", (code, exit) => {
    expect(exitCodeFor(new MobileNetError(code as MobileNetErrorCode, "x"))).toBe(exit);
    expect(EXIT_CODE_BY_ERROR_CODE[code as MobileNetErrorCode]).toBe(exit);
  });

  it("the table and the decisions here list the same codes", () => {
    expect(Object.keys(EXIT_CODE_BY_ERROR_CODE).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("untyped errors are unexpected (1); unknown codes go by family", () => {
    expect(exitCodeFor(new Error("boom"))).toBe(1);
    expect(exitCodeFor("a string")).toBe(1);
    // Codes from a package newer than the CLI, which its table cannot know.
    const newer = (code: string) => new MobileNetError(code as MobileNetErrorCode, "x");
    expect(exitCodeFor(newer("IMAGE_SOMETHING_NEW"))).toBe(4);
    expect(exitCodeFor(newer("HUB_SOMETHING_NEW"))).toBe(3);
  });

  it("the hub's own errors for repo ids, revisions and tokens mean the model cannot be had (3)", () => {
    const hubArguments = [
      new HubRepoIdError({ repoId: "bad id!!", reason: "x" }),
      new HubRevisionError({ revision: "../x", reason: "x" }),
      new HubTokenError({ source: "HF_TOKEN", reason: "x" }),
    ];
    for (const error of hubArguments) expect(exitCodeFor(error), error.code).toBe(3);
    expect(exitCodeFor(new InputError({ argument: "pixelValues", value: 1, expected: "y" }))).toBe(4);
  });

  it("a network timeout loading a model exits 3", () => {
    const timeout = new NetworkTimeoutError({ url: "https://hub/x", phase: "read", timeoutMs: 10 });
    expect(exitCodeFor(timeout)).toBe(3);
  });
});

describe("the README's exit-code table, --help and EXIT agree", () => {
  /** `code → meaning` from the lines under "Exit codes:" in the help text. */
  function helpCodes(help: string): Map<number, string> {
    const block = help.slice(help.indexOf("Exit codes:"));
    const rows = [...block.matchAll(/^ {2}(\d+)\s+(.+)$/gm)];
    return new Map(rows.map((m) => [Number(m[1]), m[2]!.trim()]));
  }

  /** `code → meaning` from the README table whose header starts with "| Exit code |". */
  function readmeCodes(): Map<number, string> {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| Exit code"));
    const rows = [...table.matchAll(/^\|\s*`?(\d+)`?\s*\|\s*([^|]+?)\s*\|/gm)];
    expect(rows.length, "README.md has an exit-code table").toBeGreaterThan(0);
    return new Map(rows.map((m) => [Number(m[1]), m[2]!]));
  }

  /** What `mobilenet --help` prints. */
  async function help(): Promise<string> {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await runCli({ argv: ["--help"] })).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return out.join("");
  }

  it("mobilenet --help lists every EXIT code, and nothing else", async () => {
    expect([...helpCodes(await help()).keys()].sort((a, b) => a - b)).toEqual(
      Object.values(EXIT).sort((a, b) => a - b),
    );
  });

  it("README.md's table has the same codes with the same meanings as --help", async () => {
    expect(Object.fromEntries(readmeCodes())).toEqual(Object.fromEntries(helpCodes(await help())));
  });
});
