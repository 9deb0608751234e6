import { renderCropOverlay } from "./crop-overlay-view.js";
import type { PageElements } from "./page-elements.js";

let previewUrl: string | undefined;

function setPreviewUrl(ui: PageElements, blob: Blob | undefined): void {
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = blob ? URL.createObjectURL(blob) : undefined;
  if (previewUrl) ui.previewImage.src = previewUrl;
  else ui.previewImage.removeAttribute("src");
}

/** The stage shows `blob` (the crop square comes with its result). */
export function showImageOnStage(ui: PageElements, blob: Blob): void {
  setPreviewUrl(ui, blob);
  ui.previewImage.hidden = false;
  ui.camera.hidden = true;
  ui.stage.dataset.empty = "false";
  ui.previewCaption.hidden = false;
}

/** The stage shows the live camera. */
export function showCameraOnStage(ui: PageElements): void {
  setPreviewUrl(ui, undefined);
  ui.previewImage.hidden = true;
  ui.camera.hidden = false;
  ui.stage.dataset.empty = "false";
  ui.previewCaption.hidden = false;
}

/** The stage is empty again: the placeholder, no image, no video box, no crop square. */
export function showPlaceholderOnStage(ui: PageElements): void {
  setPreviewUrl(ui, undefined);
  ui.previewImage.hidden = true;
  ui.previewImage.alt = "";
  ui.camera.hidden = true;
  ui.stage.dataset.empty = "true";
  ui.previewCaption.hidden = true;
  renderCropOverlay(ui.cropOverlay, undefined);
}

/**
 * Brings the result panel into view when its summary ("Classifying…", then the top label) is off
 * screen, as on a phone, where the image controls fill the first screen: the user chose an image and
 * looks for what happens next.
 */
export function revealResult(ui: PageElements): void {
  const box = ui.resultSummary.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return;
  ui.result.scrollIntoView({ block: "start" });
}
