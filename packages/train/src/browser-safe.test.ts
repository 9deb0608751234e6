import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** The sources the package root reaches: everything in src/ but the Node subpath and the tests. */
function rootSources(dir = import.meta.dirname): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "image-folder" ? [] : rootSources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("@mobilenetv1/train's root", () => {
  it("imports no Node built-in and nothing from the Node-only image-folder subpath (it runs in browsers)", () => {
    const files = rootSources();
    expect(files.length).toBeGreaterThan(5);
    const offending = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)]
        .map((m) => m[1]!)
        .filter(
          (spec) => spec.startsWith("node:") || spec.includes("image-folder") || /^(fs|path|os)$/.test(spec),
        )
        .map((spec) => `${relative(import.meta.dirname, file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
