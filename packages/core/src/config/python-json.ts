/**
 * JSON text exactly as Python's `json.dumps(obj, indent=2, sort_keys=True)` writes it, which is what
 * transformers' `PretrainedConfig.to_json_string()` uses for config.json. Three details differ from
 * `JSON.stringify(obj, null, 2)` and matter for byte-identical files:
 * - keys are sorted by code point at every level, so `id2label` runs "0", "1", "10", "100", ... (a JS object
 *   always enumerates integer-like keys numerically, so key order cannot be carried by the object itself);
 * - `ensure_ascii=True`: every character outside printable ASCII is written as a lowercase `\uXXXX` escape;
 * - floats use Python's `repr`: `1.0` (not `1`), `1e-05` (not `0.00001`), `1e+16`.
 */

/**
 * Serializes a JSON-like value the way Python's `json.dumps(value, indent=2, sort_keys=True)` does.
 *
 * @example
 * toPythonJsonText({ value: { b: 1, a: [1e-5, "é"], c: 2 }, floatKeys: new Set(["c"]) })
 * // '{\n  "a": [\n    1e-05,\n    "\\u00e9"\n  ],\n  "b": 1,\n  "c": 2.0\n}'
 */
export function toPythonJsonText(params: {
  /** A value made of plain objects, arrays, strings, numbers, booleans and null. */
  value: unknown;
  /**
   * Top-level keys whose numbers are Python floats, written with a decimal point even when integral
   * (`depth_multiplier: 1.0`). Other integral numbers are written as ints.
   * @default empty
   */
  floatKeys?: ReadonlySet<string>;
}): string {
  const floatKeys = params.floatKeys ?? new Set<string>();
  const write = (value: unknown, indent: string, asFloat: boolean, topLevel: boolean): string => {
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return asFloat ? pythonFloatRepr(value) : pythonNumberRepr(value);
    if (typeof value === "string") return pythonJsonString(value);
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return "[]";
      const items = value.map((v) => inner + write(v, inner, asFloat, false));
      return `[\n${items.join(",\n")}\n${indent}]`;
    }
    if (typeof value === "object") {
      const keys = Object.keys(value).sort(compareCodePoints);
      if (keys.length === 0) return "{}";
      const record = value as Record<string, unknown>;
      const items = keys.map(
        (k) =>
          `${inner}${pythonJsonString(k)}: ${write(record[k], inner, topLevel && floatKeys.has(k), false)}`,
      );
      return `{\n${items.join(",\n")}\n${indent}}`;
    }
    throw new TypeError(`cannot write a ${typeof value} as JSON`);
  };
  return write(params.value, "", false, true);
}

/**
 * Python's `repr(float(x))`: shortest round-trip digits, fixed notation for exponents -4..15, otherwise
 * `d.ddde±XX` with at least two exponent digits.
 *
 * @example
 * pythonFloatRepr(1) // "1.0"
 * pythonFloatRepr(0.00001) // "1e-05"
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without an argument gives the shortest digits that round-trip, like Python's repr.
  const [mantissa, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, "0");
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart || "0"}`;
}

/** A JSON number that may have been a Python int: integral values are written without a decimal point. */
function pythonNumberRepr(x: number): string {
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pythonFloatRepr(x);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** Python's `json.dumps` string with `ensure_ascii=True`: only space..tilde stay literal. */
function pythonJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/**
 * Sort comparator matching Python's str ordering (by code point; JS's default sort compares UTF-16 code
 * units, which differs once astral characters meet U+E000..U+FFFF).
 *
 * @example
 * ["b", "10", "1", "a"].sort(compareCodePoints) // ["1", "10", "a", "b"]
 */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
