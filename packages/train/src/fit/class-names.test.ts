import { InputError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { EmptyClassError, LabelCollisionError, TooFewClassesError } from "../errors.js";
import { checkClassNames, foldClassName, labelIndices } from "./class-names.js";

describe("foldClassName", () => {
  it("folds case, German ß, long s and final sigma, and Unicode normal forms", () => {
    expect(foldClassName("Cat")).toBe(foldClassName("cAT"));
    expect(foldClassName("Straße")).toBe(foldClassName("STRASSE"));
    expect(foldClassName("ſ")).toBe(foldClassName("s"));
    expect(foldClassName("ΟΔΟΣ")).toBe(foldClassName("οδος"));
    expect(foldClassName("caf\u00e9")).toBe(foldClassName("cafe\u0301"));
    expect(foldClassName("cat")).not.toBe(foldClassName("cats"));
  });
});

describe("checkClassNames", () => {
  it("names both colliding labels and their folded form", () => {
    try {
      checkClassNames({ classNames: ["dog", "Cat", "cat"], argument: "classNames" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LabelCollisionError);
      expect(e).toMatchObject({ code: "TRAIN_LABEL_COLLISION", labels: ["Cat", "cat"], folded: "cat" });
      expect((e as Error).message).toContain('"Cat" and "cat"');
    }
  });

  it.each([[""], ["   "], ["a\nb"], ["x".repeat(257)], [3]])("refuses %j as a class name", (name) => {
    expect(() => checkClassNames({ classNames: ["ok", name], argument: "classNames" })).toThrow(InputError);
  });
});

describe("labelIndices", () => {
  it("sorts unique labels by code point by default (sklearn's classes_ order)", () => {
    const { classNames, y } = labelIndices({ labels: ["b", "a", "Z", "b", "é"] });
    expect(classNames).toEqual(["Z", "a", "b", "é"]);
    expect([...y]).toEqual([2, 1, 0, 2, 3]);
  });

  it("keeps given class names' order and refuses labels outside them", () => {
    expect([...labelIndices({ labels: ["x", "y"], classNames: ["y", "x"] }).y]).toEqual([1, 0]);
    expect(() => labelIndices({ labels: ["x", "z"], classNames: ["y", "x"] })).toThrow(InputError);
    expect(() => labelIndices({ labels: ["x", 5] })).toThrow(InputError);
  });

  it("refuses fewer than two classes and a class without rows", () => {
    expect(() => labelIndices({ labels: ["x", "x"] })).toThrow(TooFewClassesError);
    expect(() => labelIndices({ labels: [] })).toThrow(TooFewClassesError);
    expect(() => labelIndices({ labels: ["x"], classNames: ["x", "y"] })).toThrow(EmptyClassError);
  });
});
