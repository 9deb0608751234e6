/**
 * Reading request bodies: content types, JSON, base64 images. The server parses every body as raw bytes
 * (capped by `maxBodyBytes`) and decides here what they are, so every mistake gets a typed error.
 */
import { BadRequestError, UnsupportedMediaTypeError } from "./errors.js";

/** Image types the decoder reads; other `image/*` types are answered 415. */
export const IMAGE_CONTENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/jpg",
  "image/webp",
  "image/gif",
] as const;

/** What a body is, from its `Content-Type`. */
export type BodyKind = "json" | "image";

/**
 * `"json"` for `application/json`; `"image"` for a supported image type, `application/octet-stream` or no
 * type (what `@huggingface/inference` sends for an `ArrayBuffer`).
 *
 * @throws UnsupportedMediaTypeError (415) for any other type.
 * @example
 * bodyKind({ contentType: "image/png; charset=binary", allowImage: true }) // "image"
 */
export function bodyKind(params: { contentType: string | undefined; allowImage: boolean }): BodyKind {
  const type = (params.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (params.allowImage) {
    if (type === "" || type === "application/octet-stream") return "image";
    if ((IMAGE_CONTENT_TYPES as readonly string[]).includes(type)) return "image";
  }
  throw new UnsupportedMediaTypeError({
    contentType: type,
    expected: params.allowImage
      ? `application/json, application/octet-stream or one of ${IMAGE_CONTENT_TYPES.join(", ")}`
      : "application/json",
  });
}

/** The raw body bytes (empty when the request had none). */
export function bodyBytes(body: unknown): Uint8Array {
  return body instanceof Uint8Array ? body : new Uint8Array(0);
}

/**
 * Parses a JSON body into an object.
 *
 * @throws BadRequestError (400) for an empty body, invalid JSON or JSON that is not an object.
 */
export function parseJsonObject(params: { bytes: Uint8Array }): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(params.bytes));
  } catch (error) {
    throw new BadRequestError({
      field: "body",
      message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      expected: "a JSON object",
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BadRequestError({
      field: "body",
      message: `JSON ${Array.isArray(value) ? "array" : typeof value === "object" ? "null" : typeof value}`,
      expected: "a JSON object",
    });
  }
  return value as Record<string, unknown>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$|^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Decodes a base64 image (standard or URL-safe alphabet, whitespace ignored, an optional
 * `data:<type>;base64,` prefix). Strings are never read as paths or URLs: a server must not fetch or open
 * what a client names.
 *
 * @throws BadRequestError (400) naming `field` for a non-string, an empty string or invalid base64.
 * @example
 * decodeBase64Image({ value: "iVBORw0KGgo=", field: "inputs" }) // Uint8Array [137, 80, 78, 71, 13, 10, 26, 10]
 */
export function decodeBase64Image(params: { value: unknown; field: string }): Uint8Array {
  const expected = "a base64-encoded image (PNG, JPEG, WebP or GIF)";
  if (typeof params.value !== "string") {
    throw new BadRequestError({ field: params.field, message: `got ${describe(params.value)}`, expected });
  }
  let text = params.value;
  const dataUrl = /^data:[^,]*;base64,/i.exec(text);
  if (dataUrl) text = text.slice(dataUrl[0].length);
  text = text.replace(/\s+/g, "");
  if (text.length === 0 || !BASE64.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    throw new BadRequestError({
      field: params.field,
      message: `${JSON.stringify(params.value.slice(0, 32))}${params.value.length > 32 ? "…" : ""} is not base64`,
      expected,
    });
  }
  return new Uint8Array(Buffer.from(text, "base64"));
}

/** A short description of a JSON value for error messages (never the whole value). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 32))}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
