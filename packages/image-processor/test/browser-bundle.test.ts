/**
 * What a browser bundler sees: starting from src/index.ts and applying package.json's `browser` map,
 * no module imports sharp or a `node:` built-in. (The same map covers dist/.)
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { expect, test } from "vitest";

const PACKAGE_DIR = resolve(import.meta.dirname, "..");
const browserMap: Record<string, string> = JSON.parse(
  readFileSync(join(PACKAGE_DIR, "package.json"), "utf8"),
).browser;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)]
    .filter((m) => !/^\s*import\s+type\s/.test(m[0]))
    .map((m) => m[1]!);
}

test("the browser module graph reaches neither sharp nor node: modules", () => {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    const mapped = browserMap[`./${relative(PACKAGE_DIR, file)}`];
    const actual = mapped ? join(PACKAGE_DIR, mapped) : file;
    if (seen.has(actual)) return;
    seen.add(actual);
    for (const spec of importsOf(actual)) {
      if (spec.startsWith(".")) visit(resolve(dirname(actual), spec.replace(/\.js$/, ".ts")));
      else external.add(spec);
    }
  };
  visit(join(PACKAGE_DIR, "src/index.ts"));
  expect([...seen].some((f) => f.endsWith("load-image-browser.ts"))).toBe(true);
  expect([...seen].some((f) => f.endsWith("sharp-decode.ts"))).toBe(false);
  // core and its subpaths only (core's own browser map keeps those free of node: modules).
  expect([...external].sort()).toEqual([
    "@mobilenetv1/core",
    "@mobilenetv1/core/io",
    "@mobilenetv1/core/net",
  ]);
  // Every dist mapping has its src twin (vitest and Vite's "source" condition read src/).
  for (const [from, to] of Object.entries(browserMap)) {
    const twin = from.startsWith("./dist/")
      ? from.replace("./dist/", "./src/").replace(/\.js$/, ".ts")
      : from;
    expect(browserMap[twin]).toBe(to.replace("./dist/", "./src/").replace(/\.js$/, ".ts"));
    expect(existsSync(join(PACKAGE_DIR, twin))).toBe(true);
  }
});
