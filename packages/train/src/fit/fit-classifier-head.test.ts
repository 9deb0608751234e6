import { readFileSync } from "node:fs";
import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { EmbeddingShapeError, LabelCollisionError, TooFewClassesError } from "../errors.js";
import type { FitProgress } from "../types.js";
import { fitClassifierHead } from "./fit-classifier-head.js";

interface GoldenCase {
  name: string;
  x: number[][];
  labels: string[];
  C: number;
  classWeight: "balanced" | Record<string, number> | null;
  classes: string[];
  coef: number[][];
  intercept: number[];
  predicted: string[];
}
const golden = JSON.parse(
  readFileSync(new URL("../../test/fixtures/sklearn-golden.json", import.meta.url), "utf8"),
) as { cases: GoldenCase[] };

/** Gaussian blobs from a fixed linear congruential stream (no Math.random: tests are deterministic). */
function blobs(params: { perClass: number[]; c: number; spread: number; seed?: number }) {
  let state = params.seed ?? 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const rows: number[] = [];
  const labels: string[] = [];
  params.perClass.forEach((count, cls) => {
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < params.c; j++)
        rows.push((j % params.perClass.length === cls ? 2 : 0) + params.spread * normal());
      labels.push(`class-${cls}`);
    }
  });
  return { embeddings: Float32Array.from(rows), labels, numFeatures: params.c };
}

describe("fitClassifierHead: the optimum is sklearn's", () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))("%s", async (_, g) => {
    const head = await fitClassifierHead({
      embeddings: Float32Array.from(g.x.flat()),
      numFeatures: g.x[0]!.length,
      labels: g.labels,
      l2: 1 / g.C,
      classWeight: g.classWeight ?? undefined,
      valSplit: 0,
      maxIter: 10_000,
      tol: 1e-9,
    });
    expect(head.classNames).toEqual(g.classes);
    const c = head.numFeatures;
    const k = head.classNames.length;
    // sklearn reports a binary multinomial fit as one row: class 1's weights, class 0's being their negation.
    const expectedW = k === 2 ? [g.coef[0]!.map((v) => -v), g.coef[0]!] : g.coef;
    const expectedB = k === 2 ? [-g.intercept[0]!, g.intercept[0]!] : g.intercept;
    for (let cls = 0; cls < k; cls++) {
      for (let j = 0; j < c; j++) expect(head.weight[cls * c + j]).toBeCloseTo(expectedW[cls]![j]!, 4);
      expect(head.bias[cls]).toBeCloseTo(expectedB[cls]!, 4);
    }
    expect(head.report.stoppedEarly).toBe(false);
    const predicted = head.report.trainConfusion.flatMap((row, actual) => row.map((n, p) => [actual, p, n]));
    const agrees = g.labels.filter((label, i) => label === g.predicted[i]).length;
    const diagonal = predicted.filter(([a, p]) => a === p).reduce((s, [, , n]) => s + n!, 0);
    expect(diagonal).toBe(agrees); // same number right as sklearn's own predictions
  });
});

describe("fitClassifierHead: behaviour", () => {
  it("separates separable data perfectly", async () => {
    const data = blobs({ perClass: [20, 20, 20], c: 6, spread: 0.1 });
    const head = await fitClassifierHead({ ...data, valSplit: 0.2 });
    expect(head.report.trainAccuracy).toBe(1);
    expect(head.report.valAccuracy).toBe(1);
    expect(head.report.valIndices).toHaveLength(12); // 4 per class
    expect(head.report.trainConfusion).toEqual([
      [16, 0, 0],
      [0, 16, 0],
      [0, 0, 16],
    ]);
  });

  it("is deterministic for a seed, and the seed picks the validation rows", async () => {
    const data = blobs({ perClass: [15, 15], c: 5, spread: 1.5 });
    const a = await fitClassifierHead({ ...data, seed: 7 });
    const b = await fitClassifierHead({ ...data, seed: 7 });
    const other = await fitClassifierHead({ ...data, seed: 8 });
    expect(Buffer.from(a.weight.buffer)).toEqual(Buffer.from(b.weight.buffer));
    expect(Buffer.from(a.bias.buffer)).toEqual(Buffer.from(b.bias.buffer));
    expect(a.report).toEqual(b.report);
    expect(other.report.valIndices).not.toEqual(a.report.valIndices);
    // stratified: round(15 × 0.1) = 2 of each class held out; every row is in exactly one list
    expect(a.report.valIndices.filter((i) => i < 15)).toHaveLength(2);
    expect([...a.report.trainIndices, ...a.report.valIndices].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
  });

  it("balanced class weights move the decision towards the rare class", async () => {
    // One feature; the rare class sits a little to the right of the common one, overlapping it.
    const data = blobs({ perClass: [60, 6], c: 1, spread: 2, seed: 3 });
    const plain = await fitClassifierHead({ ...data, valSplit: 0 });
    const balanced = await fitClassifierHead({ ...data, valSplit: 0, classWeight: "balanced" });
    const rarePredicted = (m: number[][]) => m[0]![1]! + m[1]![1]!;
    expect(rarePredicted(balanced.report.trainConfusion)).toBeGreaterThan(
      rarePredicted(plain.report.trainConfusion),
    );
    const byName = await fitClassifierHead({
      ...data,
      valSplit: 0,
      classWeight: { "class-1": 10 },
    });
    expect(rarePredicted(byName.report.trainConfusion)).toBeGreaterThan(
      rarePredicted(plain.report.trainConfusion),
    );
  });

  it("stops early when the validation loss stops improving, keeping the best head", async () => {
    // Noisy, high-dimensional, few rows, weak penalty: the training loss keeps falling while validation overfits.
    const data = blobs({ perClass: [12, 12], c: 60, spread: 3, seed: 5 });
    const progress: FitProgress[] = [];
    const head = await fitClassifierHead({
      ...data,
      l2: 1e-4,
      valSplit: 0.25,
      patience: 3,
      maxIter: 500,
      onProgress: (p) => progress.push(p),
    });
    expect(head.report.stoppedEarly).toBe(true);
    expect(head.report.iterations).toBeLessThan(500);
    expect(progress).toHaveLength(head.report.iterations);
    expect(progress.map((p) => p.iteration)).toEqual(progress.map((_, i) => i + 1));
    const losses = progress.map((p) => p.valLoss!);
    const best = Math.min(...losses);
    expect(losses.indexOf(best)).toBe(head.report.iterations - 1 - 3); // patience iterations after the best
    expect(progress.every((p) => p.maxIter === 500 && p.valAccuracy! >= 0 && p.valAccuracy! <= 1)).toBe(true);
    // Without patience (the default) the same fit runs to convergence and returns its last head, not the best one.
    const full = await fitClassifierHead({ ...data, l2: 1e-4, valSplit: 0.25, maxIter: 500 });
    expect(full.report.stoppedEarly).toBe(false);
    expect(full.report.iterations).toBeGreaterThanOrEqual(head.report.iterations);
    expect([...full.weight]).not.toEqual([...head.weight]);
  });

  it("stops on maxIter and reports no validation with valSplit 0", async () => {
    const data = blobs({ perClass: [10, 10, 10], c: 8, spread: 2 });
    const progress: FitProgress[] = [];
    const head = await fitClassifierHead({
      ...data,
      valSplit: 0,
      maxIter: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(head.report.iterations).toBe(3);
    expect(head.report.valAccuracy).toBeUndefined();
    expect(head.report.valConfusion).toBeUndefined();
    expect(progress.every((p) => p.valLoss === undefined)).toBe(true);
    // the training loss falls
    expect(progress[2]!.trainLoss).toBeLessThan(progress[0]!.trainLoss);
  });

  it("an AbortSignal stops it with the signal's reason", async () => {
    const data = blobs({ perClass: [10, 10], c: 4, spread: 1 });
    const controller = new AbortController();
    const reason = new Error("stop");
    const run = fitClassifierHead({
      ...data,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.iteration === 2) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    await expect(fitClassifierHead({ ...data, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});

describe("fitClassifierHead: typed errors", () => {
  const data = blobs({ perClass: [4, 4], c: 3, spread: 1 });

  it("refuses sizes that do not agree", async () => {
    await expect(fitClassifierHead({ ...data, numFeatures: 5 })).rejects.toBeInstanceOf(EmbeddingShapeError);
    await expect(fitClassifierHead({ ...data, labels: data.labels.slice(1) })).rejects.toMatchObject({
      code: "TRAIN_EMBEDDING_SHAPE",
      argument: "labels.length",
      value: 7,
    });
  });

  it("refuses one class, an empty class, colliding names and unknown labels", async () => {
    const one = { ...data, labels: data.labels.map(() => "only") };
    await expect(fitClassifierHead(one)).rejects.toBeInstanceOf(TooFewClassesError);
    await expect(
      fitClassifierHead({ ...data, classNames: ["class-0", "class-1", "class-2"] }),
    ).rejects.toMatchObject({
      code: "TRAIN_EMPTY_CLASS",
      className: "class-2",
    });
    await expect(
      fitClassifierHead({ ...data, classNames: ["class-0", "class-1", "CLASS-1"] }),
    ).rejects.toBeInstanceOf(LabelCollisionError);
    // "é" precomposed and decomposed
    const accents = {
      ...data,
      labels: data.labels.map((l) => (l === "class-0" ? "caf\u00e9" : "cafe\u0301")),
    };
    await expect(fitClassifierHead(accents)).rejects.toMatchObject({ code: "TRAIN_LABEL_COLLISION" });
    await expect(fitClassifierHead({ ...data, classNames: ["class-0", "other"] })).rejects.toBeInstanceOf(
      InputError,
    );
  });

  it.each([
    ["l2", { l2: 0 }],
    ["l2", { l2: Number.NaN }],
    ["valSplit", { valSplit: 1 }],
    ["valSplit", { valSplit: -0.1 }],
    ["seed", { seed: 1.5 }],
    ["maxIter", { maxIter: 0 }],
    ["patience", { patience: 2.5 }],
    ["tol", { tol: -1 }],
  ])("refuses a bad %s", async (argument, options) => {
    await expect(fitClassifierHead({ ...data, ...options })).rejects.toMatchObject({
      code: "INPUT_INVALID",
      argument,
    });
  });

  it("refuses non-finite embeddings and bad class weights", async () => {
    const nan = data.embeddings.slice();
    nan[4] = Number.NaN;
    await expect(fitClassifierHead({ ...data, embeddings: nan })).rejects.toMatchObject({
      code: "INPUT_INVALID",
    });
    await expect(fitClassifierHead({ ...data, classWeight: { nope: 1 } })).rejects.toBeInstanceOf(InputError);
    await expect(fitClassifierHead({ ...data, classWeight: { "class-0": -1 } })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(
      fitClassifierHead({ ...data, labels: [] as string[], embeddings: new Float32Array(0) }),
    ).rejects.toBeInstanceOf(TooFewClassesError);
  });
});
