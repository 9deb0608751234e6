import { InputError, MobileNetError } from "@mobilenetv1/core";
import { LabelCollisionError } from "@mobilenetv1/train";
import { describe, expect, it } from "vitest";
import { MAX_CLASSES, MAX_SAMPLES_PER_CLASS, TeachState } from "./teach-state.js";

const png = () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" });
const images = (n: number) => Array.from({ length: n }, png);

function twoClasses(a = "Cat", b = "Dog") {
  const state = new TeachState();
  const first = state.addClass({ name: a });
  const second = state.addClass({ name: b });
  return { state, first, second };
}

describe("TeachState: the class list", () => {
  it("numbers new classes, skipping names already taken", () => {
    const state = new TeachState();
    const one = state.addClass();
    state.addClass();
    state.renameClass({ classId: one.id, name: "class 3" });
    expect(state.addClass().name).toBe("Class 4");
    expect(state.classes.map((c) => c.name)).toEqual(["class 3", "Class 2", "Class 4"]);
  });

  it("needs two classes before training, with train's TooFewClassesError message", () => {
    const state = new TeachState();
    state.addSamples({ classId: state.addClass({ name: "Cat" }).id, images: images(3), source: "file" });
    const readiness = state.readiness();
    expect(readiness.ready).toBe(false);
    expect(!readiness.ready && readiness.reason).toMatch(/^Add at least 2 classes .*expected at least 2/);
  });

  it("reports names that collide after case folding or NFC as LabelCollisionError", () => {
    const { state, second } = twoClasses("Straße", "STRASSE");
    const third = state.addClass({ name: "Caf\u00e9" });
    const fourth = state.addClass({ name: "Cafe\u0301" });
    const problems = state.classNameProblems();
    expect([...problems.keys()]).toEqual([second.id, fourth.id]);
    const clash = problems.get(second.id);
    expect(clash).toBeInstanceOf(LabelCollisionError);
    expect((clash as LabelCollisionError).labels).toEqual(["Straße", "STRASSE"]);
    expect(clash?.code).toBe("TRAIN_LABEL_COLLISION");
    expect((problems.get(fourth.id) as LabelCollisionError).folded).toBe("caf\u00e9");
    expect(problems.has(third.id)).toBe(false);
  });

  it("reports blank, over-long and control-character names as InputError naming the value", () => {
    const { state, first, second } = twoClasses("  ", "Do\ng");
    const third = state.addClass({ name: "x".repeat(257) });
    const problems = state.classNameProblems();
    for (const c of [first, second, third]) {
      const problem = problems.get(c.id);
      expect(problem).toBeInstanceOf(InputError);
      expect((problem as InputError).value).toBe(c.name);
    }
    state.renameClass({ classId: first.id, name: "Cat" });
    state.renameClass({ classId: second.id, name: "Dog" });
    state.renameClass({ classId: third.id, name: "x".repeat(256) });
    expect(state.classNameProblems().size).toBe(0);
  });

  it("refuses a training with a bad name, then a class without examples, then is ready", () => {
    const { state, first, second } = twoClasses("Cat", "cat");
    state.addSamples({ classId: first.id, images: images(2), source: "webcam" });
    state.addSamples({ classId: second.id, images: images(2), source: "paste" });
    const named = state.readiness();
    expect(!named.ready && named.reason).toMatch(/^Fix the class names: class names "Cat" and "cat" collide/);
    state.renameClass({ classId: second.id, name: "Dog" });
    expect(state.readiness()).toEqual({ ready: true });
    const empty = state.addClass({ name: "Bird" });
    expect(state.readiness()).toEqual({ ready: false, reason: "Add examples to “Bird”." });
    state.removeClass({ classId: empty.id });
    expect(state.readiness()).toEqual({ ready: true });
  });

  it(`holds at most ${MAX_CLASSES} classes`, () => {
    const state = new TeachState();
    for (let i = 0; i < MAX_CLASSES; i++) state.addClass();
    expect(() => state.addClass()).toThrow(InputError);
    expect(state.classes).toHaveLength(MAX_CLASSES);
  });
});

describe("TeachState: the examples", () => {
  it(`keeps at most ${MAX_SAMPLES_PER_CLASS} per class and returns the ones added`, () => {
    const { state, first } = twoClasses();
    expect(state.addSamples({ classId: first.id, images: images(150), source: "file" })).toHaveLength(150);
    expect(state.addSamples({ classId: first.id, images: images(80), source: "webcam" })).toHaveLength(50);
    expect(state.room({ classId: first.id })).toBe(0);
    expect(state.addSamples({ classId: first.id, images: images(1), source: "paste" })).toEqual([]);
    const [removed] = first.samples;
    expect(state.removeSample({ classId: first.id, sampleId: removed!.id })).toBe(removed);
    expect(state.removeSample({ classId: first.id, sampleId: removed!.id })).toBeUndefined();
    expect(state.room({ classId: first.id })).toBe(1);
  });

  it("lists usable examples by class, leaving out unreadable ones", () => {
    const { state, first, second } = twoClasses();
    const [a, b] = state.addSamples({ classId: first.id, images: images(2), source: "file" });
    const [c] = state.addSamples({ classId: second.id, images: images(1), source: "webcam" });
    b!.error = new MobileNetError("IMAGE_DECODE", "not an image");
    expect(state.examples().map((e) => [e.sample.id, e.label])).toEqual([
      [a!.id, "Cat"],
      [c!.id, "Dog"],
    ]);
    b!.error = undefined;
    expect(state.examples()).toHaveLength(3);
  });

  it("bumps its revision on every change, and not on a refused one", () => {
    const { state, first } = twoClasses();
    const steps = [
      () => state.renameClass({ classId: first.id, name: "Cats" }),
      () => state.addSamples({ classId: first.id, images: images(1), source: "file" }),
      () => state.removeSample({ classId: first.id, sampleId: first.samples[0]!.id }),
      () => state.removeClass({ classId: state.addClass().id }),
    ];
    for (const step of steps) {
      const before = state.revision;
      step();
      expect(state.revision).toBeGreaterThan(before);
    }
    const before = state.revision;
    state.addSamples({ classId: first.id, images: [], source: "file" });
    expect(state.revision).toBe(before);
  });

  it("names an unknown class id in an InputError", () => {
    const { state } = twoClasses();
    expect(() => state.addSamples({ classId: 999, images: images(1), source: "file" })).toThrow(
      /classId = 999 is invalid: expected the id of a class on the list/,
    );
  });
});
