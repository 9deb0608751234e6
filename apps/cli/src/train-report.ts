/**
 * What `mobilenet train` prints at the end: as text for people (classes with counts, accuracies, the
 * validation confusion matrix, skipped images, the output folder) or, with `--json`, the same as one
 * JSON object. The output folder keeps the JSON too, as `training_report.json`.
 */
import { formatConfusionMatrix, printable } from "./confusion-table.js";

/** One class of the training folder and how its images were used. */
export interface TrainReportClass {
  name: string;
  /** Images read (skipped ones not counted). */
  images: number;
  train: number;
  validation: number;
}

/** The end report of `mobilenet train` (`--json` prints it as one object). */
export interface TrainReport {
  /** The training folder, absolute. */
  folder: string;
  /** The backbone, as given to `--model`. */
  model: string;
  backend: string;
  /** The output folder, absolute. */
  out: string;
  classes: TrainReportClass[];
  /** Images that could not be read, in folder order, with the error that refused each. */
  skipped: { image: string; code: string; message: string }[];
  iterations: number;
  stoppedEarly: boolean;
  trainAccuracy: number;
  /** Absent with `--val-split 0`. */
  valAccuracy?: number;
  /** [actual][predicted], class order as `classes`; absent with `--val-split 0`. */
  valConfusion?: number[][];
  trainConfusion: number[][];
  /** The settings the head was fitted with (defaults filled in where the CLI knows them). */
  settings: Record<string, string | number | boolean>;
  /** Milliseconds: loading the backbone; extracting and fitting. */
  timings: { load: number; train: number };
}

/**
 * Per-class counts from the confusion matrices: a row sum is the number of images of that class in the
 * split.
 *
 * @example
 * classCounts({ classNames: ["a", "b"], trainConfusion: [[2, 0], [1, 1]] })
 * // [{ name: "a", images: 2, train: 2, validation: 0 }, { name: "b", images: 2, train: 2, validation: 0 }]
 */
export function classCounts(params: {
  classNames: readonly string[];
  trainConfusion: readonly (readonly number[])[];
  valConfusion?: readonly (readonly number[])[];
}): TrainReportClass[] {
  const sum = (row: readonly number[] | undefined) => (row ?? []).reduce((a, b) => a + b, 0);
  return params.classNames.map((name, i) => {
    const train = sum(params.trainConfusion[i]);
    const validation = sum(params.valConfusion?.[i]);
    return { name, images: train + validation, train, validation };
  });
}

/** The report as text, for stdout. */
export function formatTrainReport(params: { report: TrainReport; maxWidth?: number }): string {
  const { report } = params;
  const total = (key: "images" | "train" | "validation") => report.classes.reduce((a, c) => a + c[key], 0);
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  const out: string[] = [];
  out.push(
    `trained a ${report.classes.length}-class head on ${total("images")} images ` +
      `(${total("train")} train, ${total("validation")} validation), ` +
      `${report.iterations} iterations${report.stoppedEarly ? " (stopped early)" : ""}`,
    "",
  );
  const names = report.classes.map((c) => printable({ text: c.name }));
  const nameWidth = Math.max(5, ...names.map((n) => Array.from(n).length));
  out.push(`  ${"class".padEnd(nameWidth)}  images   train  validation`);
  report.classes.forEach((c, i) => {
    out.push(
      `  ${names[i]!.padEnd(nameWidth)}  ${String(c.images).padStart(6)}  ${String(c.train).padStart(6)}` +
        `  ${String(c.validation).padStart(10)}`,
    );
  });
  out.push("");
  out.push(`train accuracy:      ${percent(report.trainAccuracy)}`);
  out.push(
    `validation accuracy: ${report.valAccuracy === undefined ? "- (no validation split)" : percent(report.valAccuracy)}`,
  );
  if (report.valConfusion) {
    out.push("", "validation confusion matrix (rows: actual class, columns: predicted class):");
    out.push(
      formatConfusionMatrix({
        classNames: report.classes.map((c) => c.name),
        matrix: report.valConfusion,
        ...(params.maxWidth !== undefined ? { maxWidth: params.maxWidth } : {}),
      }).trimEnd(),
    );
  }
  if (report.skipped.length > 0) {
    const n = report.skipped.length;
    out.push("", `skipped ${n} unreadable image${n === 1 ? "" : "s"} (one warning line each on stderr)`);
  }
  out.push("", `model written to ${printable({ text: report.out })}`);
  return `${out.join("\n")}\n`;
}

/**
 * The warning line for a skipped image, for stderr.
 *
 * @example
 * skippedImageWarning({ image: "/data/cat/x.png", code: "IMAGE_DECODE", message: "bad PNG" })
 * // "warning: skipped /data/cat/x.png: [IMAGE_DECODE] bad PNG\n"
 */
export function skippedImageWarning(params: { image: string; code: string; message: string }): string {
  return `warning: skipped ${printable({ text: params.image })}: [${params.code}] ${printable({ text: params.message })}\n`;
}
