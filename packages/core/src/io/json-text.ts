/**
 * JSON from outside (config.json, a safetensors header, preprocessor_config.json) parsed with a nesting
 * limit. V8's JSON.parse itself copes with deep nesting, but everything that walks the value afterwards
 * (structuredClone, JSON.stringify in messages, the config writer) recurses, so a 100 000-deep array
 * would end in an untyped RangeError far from the file that caused it.
 */
import { FileFormatError } from "../errors/errors.js";

/**
 * Default nesting limit for JSON files, like Python's default recursion limit (so what Python's json module
 * loads, this loads); real config files nest 2–3 levels. Option `maxDepth`.
 */
export const JSON_MAX_DEPTH = 1000;

/**
 * How deeply `text` nests arrays and objects, scanning it once without parsing; stops counting (and returns
 * `stopAbove + 1`) as soon as the depth passes `stopAbove`. Brackets inside strings do not count.
 *
 * @example
 * jsonNestingDepth({ text: '{"a": [[1], "]]"]}' }) // 3
 */
export function jsonNestingDepth(params: { text: string; stopAbove?: number }): number {
  const { text } = params;
  const stopAbove = params.stopAbove ?? Number.POSITIVE_INFINITY;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Jump to the closing quote: one preceded by an even number of backslashes. An unterminated string
      // ends the scan (JSON.parse rejects the text anyway).
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) return deepest;
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * How deeply an already-parsed value nests arrays and objects, walked without recursion; stops (returning
 * `stopAbove + 1`) as soon as the depth passes `stopAbove`, so a cyclic value ends too.
 *
 * @example
 * valueNestingDepth({ value: { a: [[1]] } }) // 3
 */
export function valueNestingDepth(params: { value: unknown; stopAbove?: number }): number {
  const stopAbove = params.stopAbove ?? JSON_MAX_DEPTH;
  let deepest = 0;
  const pending: [unknown, number][] = [[params.value, 1]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [value, depth] = item;
    if (typeof value !== "object" || value === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAbove) return deepest;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * `JSON.parse` for outside input: text nested deeper than `maxDepth`, or not JSON, is a FileFormatError
 * naming the file (checked before parsing, so no RangeError can escape from the value later).
 *
 * @param params.text The file's text.
 * @param params.file File name for messages. @default undefined
 * @param params.format `FileFormatError.format`. @default "json"
 * @param params.maxDepth Deepest nesting of arrays and objects accepted. @default JSON_MAX_DEPTH (1000)
 * @throws {FileFormatError} (code `"FILE_FORMAT"`) for invalid or too deeply nested JSON.
 *
 * @example
 * parseJsonText({ text: '{"num_labels": 3}', file: "config.json" }) // { num_labels: 3 }
 * parseJsonText({ text: "[".repeat(2000) + "]".repeat(2000), file: "config.json" })
 * // throws FileFormatError "config.json: JSON nests deeper than 1000 levels (the limit, JSON_MAX_DEPTH)"
 */
export function parseJsonText(params: {
  text: string;
  file?: string;
  format?: string;
  maxDepth?: number;
}): unknown {
  const { text, file } = params;
  const format = params.format ?? "json";
  const maxDepth = params.maxDepth ?? JSON_MAX_DEPTH;
  if (jsonNestingDepth({ text, stopAbove: maxDepth }) > maxDepth) {
    throw new FileFormatError({
      format,
      file,
      message: `JSON nests deeper than ${maxDepth} levels (the limit, JSON_MAX_DEPTH)`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new FileFormatError({
      format,
      file,
      message: `not valid JSON (${(cause as Error).message})`,
      cause,
    });
  }
}
