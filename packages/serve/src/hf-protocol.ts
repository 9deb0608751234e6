/**
 * The Hugging Face Inference API for image classification, as `@huggingface/inference`'s
 * `imageClassification({ endpointUrl, data })` speaks it to a custom endpoint: a POST of the raw image
 * bytes to the endpoint URL itself (no `Content-Type`, or the Blob's type), answered `[{ label, score }]`.
 * The JSON form of HF's API is taken too: `{ "inputs": "<base64 image>", "parameters": { "top_k": 3 } }`.
 */
import type { Tensor } from "@mobilenetv1/core";
import { BadRequestError } from "./errors.js";
import { DEFAULT_TOP_K } from "./limits.js";
import { bodyBytes, bodyKind, decodeBase64Image, describe, parseJsonObject } from "./request-body.js";

/** How logits become scores (`parameters.function_to_apply`, as transformers' pipeline). */
export type ScoreFunction = "softmax" | "sigmoid" | "none";

/** A parsed image-classification request. */
export interface HfClassificationRequest {
  image: Uint8Array;
  topK: number;
  scoreFunction: ScoreFunction;
}

/**
 * Reads a request of either form.
 *
 * @throws UnsupportedMediaTypeError (415) for another content type; BadRequestError (400) for an empty body,
 * bad JSON, a missing or non-base64 `inputs`, or a bad `top_k` / `function_to_apply`.
 * @example
 * parseHfRequest({ contentType: undefined, body: pngBytes }) // { image: pngBytes, topK: 5, scoreFunction: "softmax" }
 */
export function parseHfRequest(params: {
  contentType: string | undefined;
  body: unknown;
}): HfClassificationRequest {
  const bytes = bodyBytes(params.body);
  const kind = bodyKind({ contentType: params.contentType, allowImage: true });
  if (bytes.length === 0) {
    throw new BadRequestError({ field: "body", message: "empty", expected: "image bytes or a JSON object" });
  }
  if (kind === "image") return { image: bytes, topK: DEFAULT_TOP_K, scoreFunction: "softmax" };
  const json = parseJsonObject({ bytes });
  const image = decodeBase64Image({ value: json.inputs, field: "inputs" });
  const parameters = json.parameters ?? {};
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    throw new BadRequestError({
      field: "parameters",
      message: `got ${describe(parameters)}`,
      expected: "an object",
    });
  }
  const p = parameters as Record<string, unknown>;
  const topK = p.top_k ?? DEFAULT_TOP_K;
  if (typeof topK !== "number" || !Number.isSafeInteger(topK) || topK < 1) {
    throw new BadRequestError({
      field: "parameters.top_k",
      message: `got ${describe(topK)}`,
      expected: "an integer >= 1",
    });
  }
  const fn = p.function_to_apply ?? "softmax";
  if (fn !== "softmax" && fn !== "sigmoid" && fn !== "none") {
    throw new BadRequestError({
      field: "parameters.function_to_apply",
      message: `got ${describe(fn)}`,
      expected: '"softmax", "sigmoid" or "none"',
    });
  }
  return { image, topK, scoreFunction: fn };
}

/**
 * The `topK` best labels of one row of logits, scored as transformers' image-classification pipeline does.
 *
 * @example
 * labelScores({ logits, id2label, topK: 1, scoreFunction: "softmax" }) // [{ label: "tabby, tabby cat", score: 0.79 }]
 */
export function labelScores(params: {
  logits: Tensor;
  id2label: Readonly<Record<number, string>>;
  topK: number;
  scoreFunction: ScoreFunction;
}): { label: string; score: number }[] {
  const row = params.logits.data;
  let scores: Float64Array;
  if (params.scoreFunction === "softmax") {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of row) if (v > max) max = v;
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    scores = Float64Array.from(row, (v) => Math.exp(v - max) / sum);
  } else if (params.scoreFunction === "sigmoid") {
    scores = Float64Array.from(row, (v) => 1 / (1 + Math.exp(-v)));
  } else {
    scores = Float64Array.from(row);
  }
  const order = Array.from(scores.keys()).sort((i, j) => scores[j]! - scores[i]! || i - j);
  return order.slice(0, Math.min(params.topK, order.length)).map((index) => ({
    label: params.id2label[index] ?? `LABEL_${index}`,
    score: scores[index]!,
  }));
}
