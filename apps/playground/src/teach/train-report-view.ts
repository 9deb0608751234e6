import type { TeachElements } from "./teach-elements.js";
import type { TeachProgress, TeachResult } from "./teach-training.js";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Training progress as one bar over both stages: computing embeddings (per image) fills the first half,
 * the fitter (per iteration, of at most `maxIter`; early stopping ends it sooner) the second.
 */
export function renderTrainProgress(params: {
  ui: Pick<TeachElements, "trainProgress" | "trainStatus">;
  progress: TeachProgress;
}): void {
  const { ui, progress } = params;
  ui.trainProgress.hidden = false;
  if (progress.stage === "extract") {
    ui.trainProgress.value = (0.5 * progress.done) / Math.max(1, progress.total);
    ui.trainProgress.dataset.stage = "extract";
    ui.trainStatus.textContent = `Computing embeddings: ${progress.done} of ${progress.total} images`;
    return;
  }
  ui.trainProgress.value = 0.5 + (0.5 * progress.iteration) / Math.max(1, progress.maxIter);
  ui.trainProgress.dataset.stage = "fit";
  const val =
    progress.valAccuracy === undefined ? "" : `, validation accuracy ${percent(progress.valAccuracy)}`;
  ui.trainStatus.textContent =
    `Fitting the classifier: iteration ${progress.iteration} of at most ${progress.maxIter}, ` +
    `loss ${progress.trainLoss.toFixed(4)}${val}`;
}

/** What the finished training says: accuracies, examples used, examples left out. */
export function renderTrainReport(params: {
  ui: Pick<TeachElements, "trainProgress" | "trainStatus" | "trainReport">;
  result: TeachResult;
  classNames: readonly string[];
}): void {
  const { ui, result } = params;
  const { report } = result.head;
  ui.trainProgress.value = 1;
  ui.trainProgress.hidden = true;
  ui.trainStatus.textContent = `Trained ${params.classNames.length} classes. Point the webcam, or drop an image on the page.`;
  const rows: [string, string][] = [
    ["Examples", `${report.trainIndices.length} trained on, ${report.valIndices.length} held out`],
    ["Training accuracy", percent(report.trainAccuracy)],
  ];
  if (report.valAccuracy !== undefined) rows.push(["Validation accuracy", percent(report.valAccuracy)]);
  rows.push([
    "Iterations",
    `${report.iterations}${report.stoppedEarly ? " (stopped early: validation loss no longer improving)" : ""}`,
  ]);
  const { extracted, reused } = result;
  rows.push([
    "Embeddings computed",
    reused ? `${extracted} new, ${reused} kept from earlier` : String(extracted),
  ]);
  const left = result.skipped.length;
  if (left) rows.push(["Left out (unreadable)", `${left} image${left === 1 ? "" : "s"}, marked in red`]);
  ui.trainReport.replaceChildren(
    ...rows.flatMap(([term, value]) => [
      Object.assign(document.createElement("dt"), { textContent: term }),
      Object.assign(document.createElement("dd"), { textContent: value }),
    ]),
  );
  ui.trainReport.dataset.trainAccuracy = String(report.trainAccuracy);
}
