import { modelCropRegion } from "../image/crop-region.js";
import type { Classification } from "../model/classify-image.js";
import type { LoadedClassifier } from "../model/load-classifier.js";
import { LOCAL_MODEL_PREFIX } from "../model/local-folder-model-source.js";
import { renderCropOverlay } from "./crop-overlay-view.js";
import { drawModelInput } from "./model-input-view.js";
import { describeDevice } from "./model-status-view.js";
import type { PageElements } from "./page-elements.js";
import {
  formatBytes,
  formatMs,
  formatPercent,
  renderPredictions,
  renderTimings,
} from "./predictions-view.js";

/**
 * Clears the previous result while a new image is classified, when it failed, or when there is no image
 * any more (`"empty"`).
 */
export function renderPending(
  ui: PageElements,
  params: { imageName: string; state: "classifying" | "error" | "empty" },
) {
  ui.result.dataset.state = params.state;
  ui.resultSummary.dataset.image = params.imageName;
  delete ui.resultSummary.dataset.top;
  ui.resultSummary.textContent = params.state === "classifying" ? `Classifying ${params.imageName}…` : "";
  ui.predictions.replaceChildren();
  ui.timings.replaceChildren();
  ui.modelInputFigure.hidden = true;
  renderCropOverlay(ui.cropOverlay, undefined);
}

/**
 * Shows a classification: the crop over the preview, the model's input pixels, the top labels with
 * bars, and timings. `announce: false` (live camera) keeps the summary quiet unless the top label changes.
 */
export function renderResult(
  ui: PageElements,
  params: { classifier: LoadedClassifier; result: Classification; imageName: string; announce?: boolean },
): void {
  const { classifier, result } = params;
  const options = classifier.processor.options;
  const { width, height } = result.originalSize;
  renderCropOverlay(ui.cropOverlay, modelCropRegion({ width, height, options }));
  drawModelInput({ canvas: ui.modelInput, pixelValues: result.pixelValues, options });
  const [, , h, w] = result.pixelValues.dims;
  ui.modelInputCaption.textContent = `Model input: ${w} × ${h} pixels`;
  ui.modelInputFigure.hidden = false;
  renderPredictions(ui.predictions, result.top);

  const top = result.top[0]!;
  const summary = `${top.label}: ${formatPercent(top.score)}`;
  if (params.announce !== false || ui.resultSummary.dataset.top !== top.label)
    ui.resultSummary.textContent = summary;
  ui.resultSummary.dataset.top = top.label;
  ui.resultSummary.dataset.image = params.imageName;
  ui.result.dataset.state = "done";

  const { settings, timings, downloadedBytes } = classifier;
  const local = settings.modelId.startsWith(LOCAL_MODEL_PREFIX);
  const fetched = local
    ? "local folder"
    : downloadedBytes > 0
      ? `${formatBytes(downloadedBytes)} downloaded`
      : "from browser cache";
  renderTimings(ui.timings, [
    ["Model", local ? settings.modelId : `${settings.modelId}@${settings.revision}`],
    ["Ran on", describeDevice(classifier)],
    ["Runtime start", formatMs(timings.runtimeMs)],
    ["Download + load", `${formatMs(timings.downloadMs)} (${fetched})`],
    ["Session + warm-up", formatMs(timings.sessionMs)],
    ["Decode + preprocess", formatMs(result.timings.preprocessMs)],
    ["Inference", formatMs(result.timings.inferenceMs)],
    ["Image", `${width} × ${height} → ${w} × ${h}`],
  ]);
}
