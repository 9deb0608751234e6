/**
 * Class names and labels: which classes there are, that no two collide, and each row's class index.
 */
import { InputError } from "@mobilenetv1/core";
import { EmptyClassError, LabelCollisionError, TooFewClassesError } from "../errors.js";

/** Longest class name accepted (in UTF-16 code units): a label, not a document. */
export const MAX_CLASS_NAME_LENGTH = 256;

/**
 * The form two names are compared in: NFC, then case folded. JavaScript has no full case folding, so it is
 * approximated by upper- then lower-casing, which folds what plain `toLowerCase` misses ("ß" and "SS",
 * "ſ" and "s", final "ς" and "σ"); then NFC again, as case mapping can denormalise.
 *
 * @example
 * foldClassName("Straße") === foldClassName("STRASSE") // true
 */
export function foldClassName(name: string): string {
  return name.normalize("NFC").toUpperCase().toLowerCase().normalize("NFC");
}

/**
 * Refuses names that are not usable labels (empty, too long, control characters) and pairs that collide
 * after {@link foldClassName}.
 * @throws InputError for a name that is not a usable label; LabelCollisionError for two that collide.
 */
export function checkClassNames(params: { classNames: readonly unknown[]; argument: string }): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  params.classNames.forEach((name, i) => {
    if (
      typeof name !== "string" ||
      name.trim() === "" ||
      name.length > MAX_CLASS_NAME_LENGTH ||
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      /[\u0000-\u001f\u007f]/.test(name)
    ) {
      throw new InputError({
        argument: `${params.argument}[${i}]`,
        value: name,
        expected: `a non-blank string of at most ${MAX_CLASS_NAME_LENGTH} characters without control characters`,
      });
    }
    const folded = foldClassName(name);
    const other = seen.get(folded);
    if (other !== undefined) throw new LabelCollisionError({ labels: [other, name], folded });
    seen.set(folded, name);
    out.push(name);
  });
  return out;
}

/**
 * Each label's class index, with the class names checked: given ones, or the labels' unique values sorted
 * by code point (sklearn's `np.unique` order). Every class must have a row, and there must be two classes.
 *
 * @example
 * labelIndices({ labels: ["dog", "cat", "dog"] }) // { classNames: ["cat", "dog"], y: Int32Array [1, 0, 1] }
 */
export function labelIndices(params: { labels: readonly unknown[]; classNames?: readonly unknown[] }): {
  classNames: string[];
  y: Int32Array;
} {
  const { labels } = params;
  labels.forEach((label, i) => {
    if (typeof label !== "string") {
      throw new InputError({ argument: `labels[${i}]`, value: label, expected: "a class name (string)" });
    }
  });
  const given = params.classNames;
  const classNames = checkClassNames({
    classNames: given ?? [...new Set(labels as string[])].sort(codePointOrder),
    argument: given ? "classNames" : "labels",
  });
  if (classNames.length < 2) throw new TooFewClassesError({ classNames });
  const index = new Map(classNames.map((name, i) => [name, i]));
  const y = new Int32Array(labels.length);
  const counts = new Array<number>(classNames.length).fill(0);
  labels.forEach((label, i) => {
    const cls = index.get(label as string);
    if (cls === undefined) {
      throw new InputError({
        argument: `labels[${i}]`,
        value: label,
        expected: `one of classNames ${JSON.stringify(classNames)}`,
      });
    }
    y[i] = cls;
    counts[cls]!++;
  });
  const empty = counts.indexOf(0);
  if (empty >= 0) throw new EmptyClassError({ className: classNames[empty]!, reason: "no-examples" });
  return { classNames, y };
}

/** Sorts strings by UTF-16 code units, as JavaScript's default sort and (for the BMP) numpy's `unique`. */
function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
