import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { npyFloat32Header } from "./npy-header.js";

const fixtures = join(import.meta.dirname, "../test/fixtures/npy");

describe("npyFloat32Header", () => {
  it("writes, with the array's bytes after it, exactly the files numpy.save wrote (make_npy_golden.py)", async () => {
    for (const [name, shape] of [
      ["float32_2x4.npy", [2, 4]],
      ["float32_1x8.npy", [1, 8]],
      ["float32_2x2x1x2.npy", [2, 2, 1, 2]],
      ["float32_8.npy", [8]],
      ["float32_0x3.npy", [0, 3]],
    ] as const) {
      const golden = new Uint8Array(await readFile(join(fixtures, name)));
      const header = npyFloat32Header({ shape });
      expect(header.length % 64, name).toBe(0);
      expect(Buffer.from(header).toString("latin1"), name).toBe(
        Buffer.from(golden.subarray(0, header.length)).toString("latin1"),
      );
      // The golden's data: the values the script saved, read back as float32.
      const data = new Float32Array(golden.slice(header.length).buffer);
      expect(data.length, name).toBe(shape.reduce((a: number, b: number) => a * b, 1));
      if (data.length > 0) {
        expect(data[2]).toBe(Math.fround(1 / 3));
        expect(Object.is(data[1], -0)).toBe(true);
      }
    }
  });

  it("matches numpy's header for shapes too large to store (a 16-digit first axis, 1-tuples, 4-D)", async () => {
    const { headers } = JSON.parse(await readFile(join(fixtures, "headers.json"), "utf8")) as {
      headers: Record<string, string>;
    };
    expect(Object.keys(headers).length).toBeGreaterThanOrEqual(7);
    for (const [key, base64] of Object.entries(headers)) {
      const shape = key.split(",").map(Number);
      expect(Buffer.from(npyFloat32Header({ shape })).toString("base64"), key).toBe(base64);
    }
  });

  it("refuses a shape numpy could not hold", () => {
    for (const shape of [[-1, 3], [1.5], [Number.NaN], [2 ** 60]]) {
      expect(() => npyFloat32Header({ shape })).toThrow(RangeError);
    }
  });
});
