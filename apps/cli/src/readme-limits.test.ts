import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as convert from "@mobilenetv1/convert";
import * as core from "@mobilenetv1/core";
import * as coreIo from "@mobilenetv1/core/io";
import * as coreNet from "@mobilenetv1/core/net";
import * as coreWeights from "@mobilenetv1/core/weights";
import * as hub from "@mobilenetv1/hub";
import * as imageProcessor from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";
import * as optionValues from "./option-values.js";
import * as pixelValuesFile from "./pixel-values-file.js";

// The README's "Untrusted input" table documents every limit with the constant that holds it; this keeps
// the two from drifting apart: each `NAME` = value in the table must be what the package exports.
const readme = readFileSync(
  resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../README.md"),
  "utf8",
);
const section = readme.slice(readme.indexOf("## Untrusted input"), readme.indexOf("## Packages"));
const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---"));
const documented = rows.slice(1).flatMap((row) => {
  const constantCell = row.split("|").at(-2) ?? "";
  return [...constantCell.matchAll(/`([A-Z0-9_]+)` = (\d+)/g)].map((m) => ({
    name: m[1]!,
    value: Number(m[2]),
  }));
});
const exported: Record<string, unknown> = {
  ...core,
  ...coreIo,
  ...coreNet,
  ...coreWeights,
  ...hub,
  ...imageProcessor,
  ...convert,
  ...optionValues,
  ...pixelValuesFile,
};

describe("README's limits table", () => {
  it("documents at least the limits the hardening added", () => {
    expect(documented.length).toBeGreaterThanOrEqual(28);
  });

  it.each(documented)("$name = $value is what the code exports", ({ name, value }) => {
    expect(exported[name], `${name} is not exported by any package`).toBe(value);
  });

  it("names every environment variable the limits read, and each exists in the code", () => {
    const variables = [...section.matchAll(/`((?:MOBILENET|HF_HUB)_[A-Z_]+)`/g)].map((m) => m[1]!);
    expect(new Set(variables)).toEqual(
      new Set([
        "HF_HUB_ETAG_TIMEOUT",
        "HF_HUB_DOWNLOAD_TIMEOUT",
        "MOBILENET_IMAGE_TIMEOUT",
        "MOBILENET_MAX_IMAGE_BYTES",
        "MOBILENET_MAX_JSON_FILE_BYTES",
        "MOBILENET_MAX_MODEL_FILE_BYTES",
        "MOBILENET_CONVERT_MAX_BYTES",
        "MOBILENET_MAX_PIXEL_VALUES_BYTES",
      ]),
    );
  });
});
