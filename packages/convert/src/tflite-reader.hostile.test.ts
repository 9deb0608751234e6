import { readFileSync } from "node:fs";
import { FileFormatError } from "@mobilenetv1/core";
import { requireShared } from "@mobilenetv1/test-support/shared-dir";
import * as flatbuffers from "flatbuffers";
import { describe, expect, it } from "vitest";
import { readTflite } from "./tflite-reader.js";
import { Model } from "./tflite-schema/tflite.js";

// Forged and truncated copies of a real .tflite: every one must end in a FileFormatError naming the file,
// never garbage, a TypeError or a loop over a forged vector length.
const file = requireShared(
  "weights/tfhub_mobilenet_v1_0.25_224.tflite/mobilenet_v1_0.25_224_1_default_1.tflite",
);

/** Positions inside the real file, found with the generated readers (vtable slots from the schema). */
function layout(bytes: Uint8Array) {
  const bb = new flatbuffers.ByteBuffer(bytes);
  const model = Model.getRootAsModel(bb);
  const field = (tablePos: number, slot: number) => tablePos + bb.__offset(tablePos, slot);
  const vectorLength = (tablePos: number, slot: number) => {
    const at = field(tablePos, slot);
    return at + bb.readInt32(at);
  };
  const graph = model.subgraphs(0)!;
  const graphPos = (graph as unknown as { bb_pos: number }).bb_pos;
  const tensorPos = (i: number) => (graph.tensors(i) as unknown as { bb_pos: number }).bb_pos;
  const operatorPos = (i: number) => (graph.operators(i) as unknown as { bb_pos: number }).bb_pos;
  const modelPos = (model as unknown as { bb_pos: number }).bb_pos;
  // The first tensor holding float constants (a convolution filter).
  let constant = 0;
  while ((model.buffers(graph.tensors(constant)!.buffer())?.dataLength() ?? 0) === 0) constant++;
  const bufferPos = (graph.tensors(constant)!.buffer() &&
    (model.buffers(graph.tensors(constant)!.buffer()) as unknown as { bb_pos: number }).bb_pos)!;
  return {
    tensorsLength: vectorLength(graphPos, 4),
    operatorsLength: vectorLength(graphPos, 10),
    buffersLength: vectorLength(modelPos, 12),
    codesLength: vectorLength(modelPos, 6),
    tensorBuffer: field(tensorPos(0), 8),
    constantShapeFirstDim: vectorLength(tensorPos(constant), 4) + 4,
    constantDataLength: vectorLength(bufferPos, 4),
    operatorOpcode: field(operatorPos(0), 4),
    operatorFirstInput: vectorLength(operatorPos(0), 6) + 4,
    graphFirstInput: vectorLength(graphPos, 6) + 4,
  };
}

/** A copy of the file with `edit` applied to its bytes (`at`: positions in it, `length`: its size). */
function forged(edit: (view: DataView, at: ReturnType<typeof layout>, length: number) => void) {
  return (original: Uint8Array) => {
    const bytes = original.slice();
    edit(new DataView(bytes.buffer), layout(bytes), bytes.length);
    return bytes;
  };
}

const BIG = 0x7fffffff;
const cases: [string, (original: Uint8Array) => Uint8Array, RegExp][] = [
  ["empty", () => new Uint8Array(0), /TFL3/],
  ["7 bytes", (b) => b.slice(0, 7), /TFL3/],
  ["header only (16 bytes)", (b) => b.slice(0, 16), /truncated|malformed/],
  ["truncated at half", (b) => b.slice(0, b.length >> 1), /truncated|malformed|buffer/],
  ["truncated 1000 bytes early", (b) => b.slice(0, b.length - 1000), /truncated|malformed|buffer/],
  ["root offset past the end", forged((v, _at, n) => v.setUint32(0, n + 100, true)), /truncated|malformed/],
  ["negative root offset", forged((v, _at, _n) => v.setInt32(0, -8, true)), /truncated|malformed/],
  ["huge tensors vector", forged((v, at, _n) => v.setInt32(at.tensorsLength, BIG, true)), /past the end/],
  ["huge operators vector", forged((v, at, _n) => v.setInt32(at.operatorsLength, BIG, true)), /past the end/],
  ["huge buffers vector", forged((v, at, _n) => v.setInt32(at.buffersLength, BIG, true)), /past the end/],
  [
    "negative operator codes vector",
    forged((v, at, _n) => v.setInt32(at.codesLength, -5, true)),
    /past the end/,
  ],
  [
    "huge constant data length",
    forged((v, at, _n) => v.setInt32(at.constantDataLength, BIG, true)),
    /past the end/,
  ],
  [
    "tensor names a missing buffer",
    forged((v, at, _n) => v.setUint32(at.tensorBuffer, 1e6, true)),
    /names buffer 1000000/,
  ],
  [
    "constant shape ≠ its bytes",
    forged((v, at, _n) => v.setInt32(at.constantShapeFirstDim, 1000, true)),
    /buffer holds/,
  ],
  [
    "operator names a missing code",
    forged((v, at, _n) => v.setUint32(at.operatorOpcode, 9999, true)),
    /operator code 9999/,
  ],
  [
    "operator input past the tensors",
    forged((v, at, _n) => v.setInt32(at.operatorFirstInput, 1e6, true)),
    /names tensor 1000000/,
  ],
  [
    "operator input below -1",
    forged((v, at, _n) => v.setInt32(at.operatorFirstInput, -7, true)),
    /names tensor -7/,
  ],
  [
    "graph input past the tensors",
    forged((v, at, _n) => v.setInt32(at.graphFirstInput, 5000, true)),
    /names tensor 5000/,
  ],
];

describe.skipIf(!file)("readTflite: truncated and forged files", () => {
  const original = file ? new Uint8Array(readFileSync(file)) : new Uint8Array(0);

  it("reads the untouched file (the positions the forgeries edit are right)", () => {
    expect(readTflite({ bytes: original, file: "m.tflite" }).operators.length).toBeGreaterThan(28);
  });

  it.each(cases)("%s → FileFormatError naming the file", (_name, make, message) => {
    let thrown: unknown;
    try {
      readTflite({ bytes: make(original), file: "forged.tflite" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FileFormatError);
    expect((thrown as FileFormatError).file).toBe("forged.tflite");
    expect((thrown as Error).message).toMatch(/^forged\.tflite: /);
    expect((thrown as Error).message).toMatch(message);
  });
});
