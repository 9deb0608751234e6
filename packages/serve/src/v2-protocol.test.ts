import { describe, expect, it } from "vitest";
import { BadRequestError } from "./errors.js";
import { parseV2InferRequest } from "./v2-protocol.js";

const size = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};
const pixels = (shape: number[], data: unknown = new Array(size(shape)).fill(0.5)) => ({
  inputs: [{ name: "pixel_values", datatype: "FP32", shape, data }],
});
const parse = (json: Record<string, unknown>) => parseV2InferRequest({ json, channels: 3 });
const PNG_B64 = "iVBORw0KGgo=";

describe("parseV2InferRequest", () => {
  it("reads FP32 pixel_values, flat or nested, and keeps the request id", () => {
    const flat = parse({ id: "42", ...pixels([1, 3, 32, 32]) });
    expect(flat.id).toBe("42");
    expect(flat.input).toMatchObject({ kind: "pixels", dims: [1, 3, 32, 32] });
    const nested = Array.from({ length: 2 }, (_, n) =>
      Array.from({ length: 3 }, (_, c) => Array.from({ length: 32 }, () => new Array(33).fill(n + c))),
    );
    const parsed = parse(pixels([2, 3, 32, 33], nested));
    if (parsed.input.kind !== "pixels") throw new Error("expected pixels");
    expect(parsed.input.data.length).toBe(2 * 3 * 32 * 33);
    expect(parsed.input.data[32 * 33]).toBe(1); // n=0, c=1: row-major order kept
    expect(parsed.input.data[3 * 32 * 33]).toBe(1); // n=1, c=0
  });

  it("reads BYTES images as base64 strings, shape [N] or [N, 1]", () => {
    for (const shape of [[2], [2, 1]]) {
      const parsed = parse({
        inputs: [{ name: "input-0", datatype: "BYTES", shape, data: [PNG_B64, PNG_B64] }],
      });
      expect(parsed.input.kind).toBe("images");
      if (parsed.input.kind === "images")
        expect(Array.from(parsed.input.images[0]!.subarray(0, 4))).toEqual([137, 80, 78, 71]);
    }
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["no inputs", {}, "inputs"],
    ["inputs not an array", { inputs: "x" }, "inputs"],
    [
      "two inputs",
      { inputs: [pixels([1, 3, 32, 32]).inputs[0], pixels([1, 3, 32, 32]).inputs[0]] },
      "inputs",
    ],
    ["input not an object", { inputs: [7] }, "inputs[0]"],
    ["id not a string", { id: 42, ...pixels([1, 3, 32, 32]) }, "id"],
    ["unknown output", { ...pixels([1, 3, 32, 32]), outputs: [{ name: "probs" }] }, "outputs"],
    ["outputs not a list", { ...pixels([1, 3, 32, 32]), outputs: "logits" }, "outputs"],
    [
      "unknown datatype",
      { inputs: [{ ...pixels([1, 3, 32, 32]).inputs[0], datatype: "FP16" }] },
      "inputs[0].datatype",
    ],
    [
      "FP32 under another name",
      { inputs: [{ ...pixels([1, 3, 32, 32]).inputs[0], name: "x" }] },
      "inputs[0].name",
    ],
    [
      "shape not an array",
      { inputs: [{ ...pixels([1, 3, 32, 32]).inputs[0], shape: "1,3,32,32" }] },
      "inputs[0].shape",
    ],
    ["negative dim", pixels([1, 3, -32, 32]), "inputs[0].shape"],
    ["fractional dim", pixels([1, 3, 32.5, 32]), "inputs[0].shape"],
    ["three dims", pixels([3, 32, 32]), "inputs[0].shape"],
    ["zero batch", pixels([0, 3, 32, 32], []), "inputs[0].shape"],
    ["wrong channels", pixels([1, 1, 32, 32]), "inputs[0].shape"],
    ["too small", pixels([1, 3, 31, 32]), "inputs[0].shape"],
    ["huge declared shape, little data", pixels([1, 3, 100000, 100000], [1, 2, 3]), "inputs[0].data"],
    ["too few values", pixels([1, 3, 32, 32], new Array(3071).fill(0)), "inputs[0].data"],
    ["too many values", pixels([1, 3, 32, 32], new Array(3073).fill(0)), "inputs[0].data"],
    ["data not an array", pixels([1, 3, 32, 32], "AAAA"), "inputs[0].data"],
    ["a string value", pixels([1, 3, 32, 32], ["1", ...new Array(3071).fill(0)]), "inputs[0].data[0]"],
    ["a null value", pixels([1, 3, 32, 32], [...new Array(3071).fill(0), null]), "inputs[0].data[3071]"],
    [
      "binary data extension",
      { inputs: [{ ...pixels([1, 3, 32, 32]).inputs[0], parameters: { binary_data_size: 12288 } }] },
      "inputs[0].parameters.binary_data_size",
    ],
    [
      "BYTES shape [N, 2]",
      { inputs: [{ name: "i", datatype: "BYTES", shape: [1, 2], data: [PNG_B64, PNG_B64] }] },
      "inputs[0].shape",
    ],
    [
      "BYTES count mismatch",
      { inputs: [{ name: "i", datatype: "BYTES", shape: [2], data: [PNG_B64] }] },
      "inputs[0].data",
    ],
    [
      "BYTES not base64",
      { inputs: [{ name: "i", datatype: "BYTES", shape: [1], data: ["../etc/passwd"] }] },
      "inputs[0].data[0]",
    ],
    [
      "BYTES a URL",
      { inputs: [{ name: "i", datatype: "BYTES", shape: [1], data: ["http://127.0.0.1/x.png"] }] },
      "inputs[0].data[0]",
    ],
    [
      "BYTES a number",
      { inputs: [{ name: "i", datatype: "BYTES", shape: [1], data: [12] }] },
      "inputs[0].data[0]",
    ],
  ];
  it.each(bad)("refuses %s with a 400 naming the field", (_name, json, field) => {
    let error: unknown;
    try {
      parse(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "SERVE_BAD_REQUEST", field });
  });
});
