import type { Prediction } from "@mobilenetv1/core";
import { renderPredictions } from "../view/predictions-view.js";
import { el } from "./dom.js";

/**
 * Builds Teach mode's panels inside `root` (kept out of index.html so the page's own markup stays
 * Classify's) and returns its elements by role.
 */
export function buildTeachElements(root: HTMLElement) {
  const heading = el("h2", { id: "teach-heading", textContent: "Teach new classes" });
  const intro = el("p", {
    className: "hint",
    textContent:
      "Name two or more classes, give each examples (webcam, files or paste), train, then point the webcam. " +
      "Everything stays in this browser.",
  });
  const modelStatus = el("p", { id: "teach-model-status", role: "status" });
  const modelProgress = el("progress", { max: 1, value: 0, hidden: true });
  modelProgress.setAttribute("aria-labelledby", "teach-model-status");
  const error = el("div", { id: "teach-error", className: "error", role: "alert", hidden: true });

  const video = el("video", { id: "teach-camera", muted: true, playsInline: true, hidden: true });
  video.setAttribute("aria-label", "Webcam");
  const cameraButton = el("button", {
    type: "button",
    id: "teach-camera-button",
    textContent: "Start webcam",
  });
  cameraButton.setAttribute("aria-pressed", "false");
  const stage = el("div", { className: "stage teach-stage" }, video);
  stage.dataset.empty = "true";
  const previewImage = el("img", { id: "teach-preview", alt: "", hidden: true });
  stage.append(previewImage, el("p", { className: "teach-stage-placeholder", textContent: "Webcam off." }));
  const predictionCaption = el("p", { id: "teach-prediction-caption", className: "result-summary" });
  predictionCaption.textContent = "Train to see predictions here.";
  const predictions = el("ol", { id: "teach-predictions", className: "predictions" });
  predictions.setAttribute("aria-label", "Predicted classes");
  const cameraPanel = el(
    "section",
    { className: "panel teach-camera-panel" },
    el("h3", { textContent: "Webcam and predictions" }),
    stage,
    el("div", { className: "button-row" }, cameraButton),
    el("div", {}, predictionCaption),
    predictions,
  );
  cameraPanel.setAttribute("aria-label", "Webcam and predictions");
  predictionCaption.parentElement!.setAttribute("aria-live", "polite");

  const classList = el("ol", { id: "teach-classes", className: "teach-classes" });
  const addClassButton = el("button", { type: "button", id: "teach-add-class", textContent: "Add a class" });
  const classesPanel = el(
    "section",
    { className: "panel teach-classes-panel" },
    el("h3", { textContent: "Classes" }),
    classList,
    el("div", { className: "button-row" }, addClassButton),
  );
  classesPanel.setAttribute("aria-label", "Classes");

  const trainButton = el("button", {
    type: "button",
    id: "teach-train",
    className: "primary",
    textContent: "Train",
  });
  const trainReason = el("p", { id: "teach-train-reason", className: "hint" });
  trainButton.setAttribute("aria-describedby", "teach-train-reason");
  const trainStatus = el("p", { id: "teach-train-status", role: "status" });
  const trainProgress = el("progress", { id: "teach-train-progress", max: 1, value: 0, hidden: true });
  trainProgress.setAttribute("aria-labelledby", "teach-train-status");
  const trainReport = el("dl", { id: "teach-train-report", className: "timings" });
  const downloadButton = el("button", {
    type: "button",
    id: "teach-download",
    textContent: "Download model (.zip)",
    disabled: true,
  });
  const downloadHint = el("p", {
    className: "hint",
    textContent:
      "An HF folder: config.json, model.safetensors, preprocessor_config.json. " +
      "Load it with MobileNetV1ForImageClassification.fromPretrained or transformers' from_pretrained.",
  });
  const trainPanel = el(
    "section",
    { className: "panel teach-train-panel" },
    el("h3", { textContent: "Train" }),
    el("div", { className: "button-row" }, trainButton),
    trainReason,
    trainStatus,
    trainProgress,
    trainReport,
    el("div", { className: "button-row" }, downloadButton),
    downloadHint,
  );
  trainPanel.setAttribute("aria-label", "Train");

  root.replaceChildren(
    heading,
    intro,
    modelStatus,
    modelProgress,
    error,
    el("div", { className: "teach-grid" }, classesPanel, cameraPanel, trainPanel),
  );
  root.setAttribute("aria-labelledby", "teach-heading");
  return {
    root,
    modelStatus,
    modelProgress,
    error,
    video,
    previewImage,
    cameraButton,
    predictionCaption,
    predictions,
    classList,
    addClassButton,
    trainButton,
    trainReason,
    trainStatus,
    trainProgress,
    trainReport,
    downloadButton,
  };
}

export type TeachElements = ReturnType<typeof buildTeachElements>;

/** Shows a prediction: which image (`data-source`), and the top classes with their scores. */
export function renderTeachPredictions(params: {
  ui: TeachElements;
  source: string;
  top: readonly Prediction[] | undefined;
}): void {
  const { ui, source, top } = params;
  ui.predictionCaption.dataset.source = source;
  ui.predictionCaption.textContent = top ? `${source}: ${top[0]!.label}` : "";
  ui.predictions.dataset.source = source;
  renderPredictions(ui.predictions, top ?? []); // Classify mode's list: same bars, same data-score
}
