import { Tensor } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { BadRequestError, UnsupportedMediaTypeError } from "./errors.js";
import { labelScores, parseHfRequest } from "./hf-protocol.js";

const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("parseHfRequest", () => {
  it("takes raw bytes with no type, octet-stream or a supported image type", () => {
    for (const contentType of [
      undefined,
      "application/octet-stream",
      "image/png",
      "IMAGE/JPEG; q=1",
      "image/webp",
    ]) {
      expect(parseHfRequest({ contentType, body: png })).toEqual({
        image: png,
        topK: 5,
        scoreFunction: "softmax",
      });
    }
  });

  it("takes HF's JSON form: base64 inputs (or a data URL) and parameters", () => {
    const b64 = Buffer.from(png).toString("base64");
    const parsed = parseHfRequest({
      contentType: "application/json",
      body: json({ inputs: b64, parameters: { top_k: 2, function_to_apply: "sigmoid" } }),
    });
    expect(parsed).toEqual({ image: png, topK: 2, scoreFunction: "sigmoid" });
    const dataUrl = parseHfRequest({
      contentType: "application/json",
      body: json({ inputs: `data:image/png;base64,${b64}` }),
    });
    expect(dataUrl.image).toEqual(png);
  });

  it.each([
    "text/plain",
    "multipart/form-data; boundary=x",
    "image/bmp",
    "image/svg+xml",
    "application/x-www-form-urlencoded",
  ])("answers Content-Type %s with 415", (contentType) => {
    expect(() => parseHfRequest({ contentType, body: png })).toThrow(UnsupportedMediaTypeError);
  });

  it.each<[string, string | undefined, Uint8Array, string]>([
    ["an empty body", undefined, new Uint8Array(0), "body"],
    ["invalid JSON", "application/json", new TextEncoder().encode("{inputs:"), "body"],
    ["invalid UTF-8", "application/json", Uint8Array.from([0xff, 0xfe]), "body"],
    ["a JSON array", "application/json", json([1]), "body"],
    ["missing inputs", "application/json", json({}), "inputs"],
    ["inputs a path", "application/json", json({ inputs: "../etc/passwd" }), "inputs"],
    ["inputs a URL", "application/json", json({ inputs: "https://example.com/cat.png" }), "inputs"],
    ["inputs an array", "application/json", json({ inputs: ["iVBORw0KGgo="] }), "inputs"],
    [
      "parameters a string",
      "application/json",
      json({ inputs: "iVBORw0KGgo=", parameters: "x" }),
      "parameters",
    ],
    [
      "top_k 0",
      "application/json",
      json({ inputs: "iVBORw0KGgo=", parameters: { top_k: 0 } }),
      "parameters.top_k",
    ],
    [
      "top_k 1.5",
      "application/json",
      json({ inputs: "iVBORw0KGgo=", parameters: { top_k: 1.5 } }),
      "parameters.top_k",
    ],
    [
      "top_k text",
      "application/json",
      json({ inputs: "iVBORw0KGgo=", parameters: { top_k: "3" } }),
      "parameters.top_k",
    ],
    [
      "unknown function_to_apply",
      "application/json",
      json({ inputs: "iVBORw0KGgo=", parameters: { function_to_apply: "relu" } }),
      "parameters.function_to_apply",
    ],
  ])("answers %s with 400 naming the field", (_name, contentType, body, field) => {
    let error: unknown;
    try {
      parseHfRequest({ contentType, body });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, field });
  });
});

describe("labelScores", () => {
  const logits = new Tensor({ dims: [1, 3], data: Float32Array.from([1, 3, 2]) });
  const id2label = { 0: "a", 1: "b", 2: "c" };
  it("orders labels by score and applies the pipeline's functions", () => {
    const soft = labelScores({ logits, id2label, topK: 2, scoreFunction: "softmax" });
    expect(soft.map((s) => s.label)).toEqual(["b", "c"]);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(soft[0]!.score).toBeCloseTo(Math.exp(3) / z, 12);
    expect(labelScores({ logits, id2label, topK: 1, scoreFunction: "sigmoid" })[0]!.score).toBeCloseTo(
      1 / (1 + Math.exp(-3)),
      12,
    );
    expect(labelScores({ logits, id2label, topK: 9, scoreFunction: "none" })).toEqual([
      { label: "b", score: 3 },
      { label: "c", score: 2 },
      { label: "a", score: 1 },
    ]);
  });
});
