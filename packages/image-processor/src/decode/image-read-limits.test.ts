import { InputError } from "@mobilenetv1/core";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ImageEnvVarError } from "../errors/image-errors.js";
import {
  DEFAULT_IMAGE_TIMEOUT_MS,
  DEFAULT_MAX_IMAGE_BYTES,
  IMAGE_TIMEOUT_ENV,
  MAX_IMAGE_BYTES_ENV,
  resolveImageReadLimits,
} from "./image-read-limits.js";
import { loadImage } from "./load-image-node.js";

describe("resolveImageReadLimits", () => {
  test("defaults: 256 MiB (PIL's pixel limit × 3 bytes of RGB, rounded up) and 10 s", () => {
    expect(DEFAULT_MAX_IMAGE_BYTES).toBe(268_435_456);
    expect(DEFAULT_MAX_IMAGE_BYTES).toBeGreaterThanOrEqual(89_478_485 * 3);
    expect(resolveImageReadLimits({ env: {} })).toEqual({
      maxImageBytes: DEFAULT_MAX_IMAGE_BYTES,
      connectTimeoutMs: DEFAULT_IMAGE_TIMEOUT_MS,
      readTimeoutMs: DEFAULT_IMAGE_TIMEOUT_MS,
    });
  });

  test("the environment overrides the defaults (timeout in seconds), options override both", () => {
    const env = { [IMAGE_TIMEOUT_ENV]: "2.5", [MAX_IMAGE_BYTES_ENV]: "1000" };
    expect(resolveImageReadLimits({ env })).toEqual({
      maxImageBytes: 1000,
      connectTimeoutMs: 2500,
      readTimeoutMs: 2500,
    });
    expect(
      resolveImageReadLimits({ env, options: { maxImageBytes: 5, connectTimeoutMs: 6, readTimeoutMs: 7 } }),
    ).toEqual({ maxImageBytes: 5, connectTimeoutMs: 6, readTimeoutMs: 7 });
    expect(resolveImageReadLimits({ env: { [IMAGE_TIMEOUT_ENV]: " " } }).readTimeoutMs).toBe(
      DEFAULT_IMAGE_TIMEOUT_MS,
    );
  });

  test.each([
    [IMAGE_TIMEOUT_ENV, "ten"],
    [IMAGE_TIMEOUT_ENV, "0"],
    [IMAGE_TIMEOUT_ENV, "-1"],
    [IMAGE_TIMEOUT_ENV, "Infinity"],
    [IMAGE_TIMEOUT_ENV, "NaN"],
    [MAX_IMAGE_BYTES_ENV, "1e99"],
    [MAX_IMAGE_BYTES_ENV, "10.5"],
    [MAX_IMAGE_BYTES_ENV, "0"],
    [MAX_IMAGE_BYTES_ENV, "256MB"],
  ])("%s=%s → ImageEnvVarError naming the variable (code USAGE)", (variable, value) => {
    const error = (() => {
      try {
        resolveImageReadLimits({ env: { [variable]: value } });
      } catch (e) {
        return e as ImageEnvVarError;
      }
    })();
    expect(error).toBeInstanceOf(ImageEnvVarError);
    expect([error?.variable, error?.value, error?.code]).toEqual([variable, value, "USAGE"]);
    expect(error?.message).toContain(variable);
  });

  test.each([
    ["maxImageBytes", { maxImageBytes: 0 }],
    ["maxImageBytes", { maxImageBytes: Number.NaN }],
    ["connectTimeoutMs", { connectTimeoutMs: -5 }],
    ["readTimeoutMs", { readTimeoutMs: "1" as unknown as number }],
  ])("an option %s that is not a positive number → InputError", (name, options) => {
    expect(() => resolveImageReadLimits({ env: {}, options })).toThrow(InputError);
    expect(() => resolveImageReadLimits({ env: {}, options })).toThrow(`decode.${name}`);
  });
});

describe("loadImage reads the environment of the process", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test("a bad MOBILENET_MAX_IMAGE_BYTES fails loudly, a good one caps the read", async () => {
    vi.stubEnv(MAX_IMAGE_BYTES_ENV, "lots");
    await expect(loadImage({ input: "/dev/null" })).rejects.toBeInstanceOf(ImageEnvVarError);
    vi.stubEnv(MAX_IMAGE_BYTES_ENV, "10");
    await expect(loadImage({ input: new Blob([new Uint8Array(11)]) })).rejects.toThrow(
      /above the limit of 10/,
    );
  });
});
