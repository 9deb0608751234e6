import { describe, expect, it } from "vitest";
import { compareCodePoints, pythonFloatRepr, toPythonJsonText } from "./python-json.js";

// Expected strings were produced by CPython 3 `repr(x)` / `json.dumps(obj, indent=2, sort_keys=True)`.
describe("pythonFloatRepr (CPython repr(float))", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [100, "100.0"],
    [0.25, "0.25"],
    [0.999, "0.999"],
    [0.001, "0.001"],
    [0.02, "0.02"],
    [1.4, "1.4"],
    [-2.5, "-2.5"],
    [0.0001, "0.0001"],
    [1e-5, "1e-05"],
    [1e-7, "1e-07"],
    [1.5e-7, "1.5e-07"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.2345678901234568e17, "1.2345678901234568e+17"],
    [0.1 + 0.2, "0.30000000000000004"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [-0, "-0.0"],
    [0, "0.0"],
  ];
  it.each(cases)("%s -> %s", (x, expected) => {
    expect(pythonFloatRepr(x)).toBe(expected);
  });
});

describe("toPythonJsonText (json.dumps indent=2 sort_keys=True)", () => {
  it("sorts keys by code point, escapes non-ASCII and writes empty containers inline", () => {
    const value = {
      b: 1,
      a: [1e-5, 'é\u007f\u0001"\\\n\t😀'],
      c: {},
      d: [],
      "\uffff": 1,
      "😀": 2,
      B: null,
      "10": true,
      "9": false,
    };
    const expected = [
      "{",
      '  "10": true,',
      '  "9": false,',
      '  "B": null,',
      '  "a": [',
      "    1e-05,",
      '    "\\u00e9\\u007f\\u0001\\"\\\\\\n\\t\\ud83d\\ude00"',
      "  ],",
      '  "b": 1,',
      '  "c": {},',
      '  "d": [],',
      '  "\\uffff": 1,',
      '  "\\ud83d\\ude00": 2',
      "}",
    ].join("\n");
    expect(toPythonJsonText({ value })).toBe(expected);
  });

  it("writes integral numbers as ints except under floatKeys at the top level", () => {
    const text = toPythonJsonText({ value: { f: 1, i: 1, n: { f: 1 } }, floatKeys: new Set(["f"]) });
    expect(text).toBe('{\n  "f": 1.0,\n  "i": 1,\n  "n": {\n    "f": 1\n  }\n}');
  });

  it("compareCodePoints orders like Python's str comparison", () => {
    expect(["😀", "\uffff", "b", "10", "1", "B"].sort(compareCodePoints)).toEqual([
      "1",
      "10",
      "B",
      "b",
      "\uffff",
      "😀",
    ]);
  });
});
