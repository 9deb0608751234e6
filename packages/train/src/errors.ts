/**
 * The typed errors of training: each names the bad value and what was expected, and carries the facts as
 * fields. Bad option values (a `valSplit` of 1, a negative `l2`…) are core's `InputError`; these are about
 * the data itself.
 */
import { MobileNetError } from "@mobilenetv1/core";

/** A class with no example: no image in its folder, every image of it unreadable, or no row labelled with it. */
export class EmptyClassError extends MobileNetError {
  readonly className: string;
  /** Why it is empty: nothing was given for it, or everything given was skipped as unreadable. */
  readonly reason: "no-examples" | "all-skipped";

  constructor(params: { className: string; reason: "no-examples" | "all-skipped"; where?: string }) {
    super(
      "TRAIN_EMPTY_CLASS",
      `class ${JSON.stringify(params.className)}${params.where ? ` (${params.where})` : ""} has no ` +
        (params.reason === "all-skipped"
          ? "readable image: every image of it was skipped"
          : "example: expected at least one per class"),
    );
    this.className = params.className;
    this.reason = params.reason;
  }
}

/** Fewer than two classes: a classifier needs at least two to tell apart. */
export class TooFewClassesError extends MobileNetError {
  readonly classNames: readonly string[];

  constructor(params: { classNames: readonly string[]; where?: string }) {
    super(
      "TRAIN_TOO_FEW_CLASSES",
      `${params.where ? `${params.where}: ` : ""}${params.classNames.length} class(es) ` +
        `${JSON.stringify(params.classNames)}: expected at least 2 to train a classifier`,
    );
    this.classNames = params.classNames;
  }
}

/**
 * Embeddings whose sizes do not agree: a length that is not rows × numFeatures, a row count other than the
 * number of labels, or a feature size other than the backbone's.
 */
export class EmbeddingShapeError extends MobileNetError {
  /** What is wrong, e.g. `"embeddings.length"`, `"labels.length"`, `"head.numFeatures"`. */
  readonly argument: string;
  readonly value: number;
  readonly expected: string;

  constructor(params: { argument: string; value: number; expected: string }) {
    super(
      "TRAIN_EMBEDDING_SHAPE",
      `${params.argument} = ${params.value} does not fit: expected ${params.expected}`,
    );
    this.argument = params.argument;
    this.value = params.value;
    this.expected = params.expected;
  }
}

/**
 * Two class names that are equal after Unicode NFC normalisation and case folding ("Cat" and "cat", or
 * "é" composed and decomposed): they would clash as folder names on case-insensitive file systems and as
 * label2id keys in tools that fold case.
 */
export class LabelCollisionError extends MobileNetError {
  /** The two names, as given. */
  readonly labels: readonly [string, string];
  /** The folded form they share. */
  readonly folded: string;

  constructor(params: { labels: readonly [string, string]; folded: string }) {
    super(
      "TRAIN_LABEL_COLLISION",
      `class names ${JSON.stringify(params.labels[0])} and ${JSON.stringify(params.labels[1])} collide ` +
        `(both ${JSON.stringify(params.folded)} after NFC and case folding): expected names that differ ` +
        "in more than case or Unicode normal form",
    );
    this.labels = params.labels;
    this.folded = params.folded;
  }
}

/** Not one of the images could be read, so there is nothing to train on. */
export class NoUsableImagesError extends MobileNetError {
  readonly total: number;
  /** The first image's failure, as its `cause` too. */
  readonly firstError: MobileNetError | undefined;

  constructor(params: { total: number; firstError?: MobileNetError }) {
    super(
      "TRAIN_NO_IMAGES",
      params.total === 0
        ? "no images were given: expected at least one per class"
        : `none of the ${params.total} images could be read` +
            (params.firstError ? ` (first: ${params.firstError.message})` : ""),
      { cause: params.firstError },
    );
    this.total = params.total;
    this.firstError = params.firstError;
  }
}

/** Why an image folder cannot be read as a dataset. */
export type DatasetFolderProblem =
  | "not-found"
  | "not-a-folder"
  | "unreadable"
  | "symlink-escapes"
  | "too-many-files";

/** An image folder (`readImageFolder`) that cannot be used: not a folder, unreadable, an escaping link, too big. */
export class DatasetFolderError extends MobileNetError {
  readonly path: string;
  readonly problem: DatasetFolderProblem;

  constructor(params: { path: string; problem: DatasetFolderProblem; message: string; cause?: unknown }) {
    super("TRAIN_DATASET_FOLDER", `${params.path}: ${params.message}`, { cause: params.cause });
    this.path = params.path;
    this.problem = params.problem;
  }
}
