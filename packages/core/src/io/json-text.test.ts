import { describe, expect, it } from "vitest";
import { MobileNetV1Config } from "../config/config.js";
import { ConfigError, FileFormatError } from "../errors/errors.js";
import { readSafetensors, SAFETENSORS_MAX_HEADER_DEPTH } from "../weights/safetensors-reader.js";
import { JSON_MAX_DEPTH, jsonNestingDepth, parseJsonText, valueNestingDepth } from "./json-text.js";

const DEEP = 100_000;
const deepArrays = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObjects = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const mixed = (n: number) => `${'[{"a":'.repeat(n / 2)}1${"}]".repeat(n / 2)}`;
const shapes: [string, (n: number) => string][] = [
  ["arrays", deepArrays],
  ["objects", deepObjects],
  ["arrays and objects", mixed],
];

function formatError(run: () => unknown): FileFormatError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FileFormatError);
    return e as FileFormatError;
  }
  throw new Error("accepted");
}

describe("jsonNestingDepth", () => {
  it("counts arrays and objects, not brackets inside strings (escaped quotes included)", () => {
    expect(jsonNestingDepth({ text: '{"a": [[1], "]]"]}' })).toBe(3);
    expect(jsonNestingDepth({ text: '["[[[\\"[[[", {"}": "\\\\"}]' })).toBe(2);
    expect(jsonNestingDepth({ text: "3" })).toBe(0);
    expect(jsonNestingDepth({ text: deepArrays(DEEP), stopAbove: 10 })).toBe(11);
  });
});

describe("100 000-deep JSON is a FileFormatError in every reader, never a RangeError", () => {
  for (const [what, make] of shapes) {
    it(`parseJsonText: ${what}; ${JSON_MAX_DEPTH} levels are read, ${JSON_MAX_DEPTH + 2} are not`, () => {
      const e = formatError(() => parseJsonText({ text: make(DEEP), file: "x.json" }));
      expect(e.message).toBe(
        `x.json: JSON nests deeper than ${JSON_MAX_DEPTH} levels (the limit, JSON_MAX_DEPTH)`,
      );
      expect(e.format).toBe("json");
      expect(() => parseJsonText({ text: make(JSON_MAX_DEPTH) })).not.toThrow();
      formatError(() => parseJsonText({ text: make(JSON_MAX_DEPTH + 2) }));
      formatError(() => parseJsonText({ text: make(20), maxDepth: 10 }));
    });

    it(`config.json (MobileNetV1Config.fromJSONText): ${what}, at the top and under a field`, () => {
      for (const text of [make(DEEP), `{"extra_field": ${make(DEEP)}}`, `{"id2label": ${make(DEEP)}}`]) {
        const e = formatError(() => MobileNetV1Config.fromJSONText({ text, file: "config.json" }));
        expect(e.file).toBe("config.json");
      }
    });

    it(`the safetensors header: ${what}`, () => {
      for (const header of [
        make(DEEP),
        `{"w": {"dtype": "F32", "shape": ${make(DEEP)}, "data_offsets": [0, 0]}}`,
      ]) {
        const text = new TextEncoder().encode(header);
        const bytes = new Uint8Array(8 + text.byteLength);
        new DataView(bytes.buffer).setBigUint64(0, BigInt(text.byteLength), true);
        bytes.set(text, 8);
        const e = formatError(() => readSafetensors({ bytes, file: "model.safetensors" }));
        expect(e.message).toMatch(new RegExp(`deeper than ${SAFETENSORS_MAX_HEADER_DEPTH} levels`));
      }
    });
  }

  it(`MobileNetV1Config.fromJSON of an already-parsed ${DEEP}-deep value: ConfigError, not a RangeError`, () => {
    for (const [, make] of shapes) {
      for (const json of [
        JSON.parse(`{"extra_field": ${make(DEEP)}}`),
        JSON.parse(`{"id2label": ${make(DEEP)}}`),
      ]) {
        let error: unknown;
        try {
          MobileNetV1Config.fromJSON({ json, file: "config.json" });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toMatch(/^config.json: .*at most 1000 levels of nesting/);
      }
    }
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => MobileNetV1Config.fromJSON({ json: { x: cyclic } })).toThrow(ConfigError);
    expect(valueNestingDepth({ value: { a: [[1], "x"] } })).toBe(3);
  });

  it("config.json nested up to the limit under an unknown field still loads and writes back", () => {
    const config = MobileNetV1Config.fromJSONText({ text: `{"x": ${deepArrays(JSON_MAX_DEPTH - 1)}}` });
    expect(config.toJSONText().length).toBeGreaterThan(JSON_MAX_DEPTH);
  });
});
