import "@mobilenetv1/hub"; // registers the hub as the model source for repo ids (Cache Storage in browsers)
import { BackendError, MobileNetError } from "@mobilenetv1/core";
import { type GivenImage, wireImageSources } from "./image/image-sources.js";
import { type LiveCamera, startLiveCamera } from "./image/webcam-live.js";
import { type Classification, classifyImage } from "./model/classify-image.js";
import {
  type LoadedClassifier,
  loadClassifier,
  type ModelSettings,
  moveClassifier,
} from "./model/load-classifier.js";
import { addLocalModelFolder, registerLocalFolderSource } from "./model/local-folder-model-source.js";
import { checkModelId } from "./model/model-id.js";
import { ModelSlot } from "./model/model-slot.js";
import { type DeviceChoice, useRuntimeDownload, webGpuAdapter } from "./model/web-backends.js";
import { settingsFromUrl, urlWithSettings } from "./playground-settings.js";
import { loadRuntimeWasm, onRuntimeProgress } from "./runtime/runtime-wasm-source.js";
import { wireModeSwitch } from "./teach/mode-switch.js";
import { mountTeachMode } from "./teach/teach-view.js";
import { describeError } from "./view/describe-error.js";
import { renderDeviceMenu } from "./view/device-menu-view.js";
import type { DownloadProgress } from "./view/download-progress.js";
import { renderError } from "./view/error-view.js";
import { fillModelForm, readModelForm, showDeviceChoice } from "./view/model-form-view.js";
import { describeDevice, renderModelStatus } from "./view/model-status-view.js";
import { renderNotice } from "./view/notice-view.js";
import { pageElements } from "./view/page-elements.js";
import { renderPending, renderResult } from "./view/result-view.js";
import {
  revealResult,
  showCameraOnStage,
  showImageOnStage,
  showPlaceholderOnStage,
} from "./view/stage-view.js";

/** The performance mark set when the page shows its first result. */
const RESULT_MARK = "playground:first-result";

const ui = pageElements();
registerLocalFolderSource();
useRuntimeDownload(loadRuntimeWasm);
let settings: ModelSettings = settingsFromUrl(new URL(location.href));
let lastImage: GivenImage | undefined;
/** The last image's result, to show again when the webcam stops. */
let lastResult:
  | { image: GivenImage; classifier: LoadedClassifier; device: string; result: Classification }
  | undefined;
let camera: LiveCamera | undefined;
let request = 0; // the latest classification; older ones finishing late are dropped

const modelKey = (s: ModelSettings) => JSON.stringify([s.modelId, s.hubUrl, s.revision]);
const DEVICE_NAMES: Record<DeviceChoice, string> = { auto: "Auto", wasm: "WebAssembly", webgpu: "WebGPU" };

function showError(error: unknown): void {
  console.error(error);
  renderError(ui.error, describeError({ error, online: navigator.onLine }));
}

/** Makes `next` the settings in use: the form, and the link in the address bar. */
function selectSettings(next: ModelSettings): void {
  settings = next;
  ui.modelId.value = next.modelId;
  showDeviceChoice(ui, next.device);
  history.replaceState(null, "", urlWithSettings(new URL(location.href), settings));
}

const models = new ModelSlot<ModelSettings, LoadedClassifier>({ key: modelKey, load: loadWithStatus });

/** Loads a model, saying so in the model panel; a device that cannot start falls back to wasm. */
async function loadWithStatus(wanted: ModelSettings): Promise<LoadedClassifier> {
  // One progress line for the runtime's .wasm (downloaded on a build's first use) and the model.
  const progress: DownloadProgress = {};
  const render = () => renderModelStatus(ui, { state: "loading", modelId: wanted.modelId, progress });
  render();
  const stopRuntimeProgress = onRuntimeProgress((runtime) => {
    progress.runtime = runtime;
    render();
  });
  const load = (s: ModelSettings) =>
    loadClassifier({
      settings: s,
      onProgress: (model) => {
        progress.model = model;
        render();
      },
    });
  try {
    const classifier = await load(wanted).catch((error: unknown) => {
      // A device that cannot start (WebGPU without a usable adapter or device): wasm runs everywhere.
      if (!(error instanceof BackendError) || wanted.device === "wasm") throw error;
      if (settings.device === wanted.device) selectSettings({ ...settings, device: "wasm" });
      renderNotice(ui.notice, {
        title: `${DEVICE_NAMES[wanted.device]} could not start`,
        text: "The model runs on WebAssembly instead.",
        detail: error.message,
      });
      return load({ ...wanted, device: "wasm" });
    });
    renderModelStatus(ui, { state: "loaded", classifier });
    return classifier;
  } catch (error) {
    const title = describeError({ error, online: navigator.onLine }).title;
    renderModelStatus(ui, { state: "failed", modelId: wanted.modelId, title, kept: models.active });
    throw error;
  } finally {
    stopRuntimeProgress();
  }
}

/**
 * The classifier for the current settings: loaded once per model, moved when only the device changed.
 * A model that fails to load leaves the one that worked loaded and selected (the error says why), and
 * a device that fails leaves the model where it ran (a notice says why).
 */
async function currentClassifier(): Promise<LoadedClassifier> {
  const wanted = { ...settings };
  let classifier: LoadedClassifier;
  try {
    classifier = await models.get(wanted);
  } catch (error) {
    const kept = models.active;
    if (!kept) throw error;
    if (modelKey(settings) === modelKey(wanted))
      selectSettings({ ...kept.settings, device: settings.device });
    showError(error);
    classifier = kept;
  }
  if (classifier.deviceChoice !== settings.device) {
    const target = settings.device;
    renderModelStatus(ui, { state: "loading", modelId: classifier.settings.modelId });
    try {
      await moveClassifier({ classifier, device: target });
    } catch (error) {
      console.error(error);
      selectSettings({ ...settings, device: classifier.deviceChoice });
      renderNotice(ui.notice, {
        title: `${DEVICE_NAMES[target]} could not start`,
        text: `The model runs on ${describeDevice(classifier)} instead.`,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    renderModelStatus(ui, { state: "loaded", classifier });
  }
  return classifier;
}

/** Loads (or switches) the model, then classifies the image on screen again, if any. */
async function applySettings(next: ModelSettings): Promise<void> {
  selectSettings(next);
  renderError(ui.error, undefined);
  renderNotice(ui.notice, undefined);
  if (camera) return void currentClassifier().catch(showError);
  if (lastImage) return classify(lastImage);
  await currentClassifier().catch(showError);
}

/**
 * Classifies `image` and shows it. `reveal` (a newly given image) scrolls the result into view when it
 * is off screen; a new model or device for the image on screen leaves the page where the user is.
 */
async function classify(image: GivenImage, options: { reveal?: boolean } = {}): Promise<void> {
  stopCamera({ restore: false });
  const mine = ++request;
  lastImage = image;
  renderError(ui.error, undefined);
  showImageOnStage(ui, image.blob);
  renderPending(ui, { imageName: image.name, state: "classifying" });
  if (options.reveal) revealResult(ui);
  let classifier: LoadedClassifier;
  let result: Classification;
  try {
    classifier = await currentClassifier();
    result = await classifyImage({ classifier, image: image.blob });
  } catch (error) {
    if (mine !== request) return;
    // An image that cannot be read leaves nothing to show: no preview, no old crop square or labels.
    if (error instanceof MobileNetError && error.code.startsWith("IMAGE_")) return imageFailed(error);
    renderPending(ui, { imageName: image.name, state: "error" });
    return showError(error);
  }
  if (mine !== request) return;
  lastResult = { image, classifier, device: describeDevice(classifier), result };
  renderResult(ui, { classifier, result, imageName: image.name });
  // When the first result showed, from navigation start: read by the first-visit test and benchmark.
  if (performance.getEntriesByName(RESULT_MARK).length === 0) performance.mark(RESULT_MARK);
}

/** An image could not be obtained or read: the previous result goes, the error says why. */
function imageFailed(error: unknown): void {
  request++; // a classification still running must not bring its result back
  if (!camera) {
    lastImage = undefined;
    lastResult = undefined;
    showPlaceholderOnStage(ui);
    renderPending(ui, { imageName: "", state: "error" });
  }
  showError(error);
}

ui.previewImage.addEventListener("load", () => {
  ui.previewImage.alt = `The image being classified: ${lastImage?.name ?? ""}`;
});

async function toggleCamera(): Promise<void> {
  if (camera) return stopCamera({ restore: true });
  const mine = ++request;
  renderError(ui.error, undefined);
  ui.cameraButton.disabled = true;
  try {
    const classifier = await currentClassifier();
    showCameraOnStage(ui);
    renderPending(ui, { imageName: "webcam", state: "classifying" });
    revealResult(ui);
    camera = await startLiveCamera({
      video: ui.camera,
      onFrame: async (frame) => {
        const c = models.active ?? classifier;
        const result = await classifyImage({ classifier: c, image: frame });
        if (camera && mine === request)
          renderResult(ui, { classifier: c, result, imageName: "webcam", announce: false });
      },
      onError: (error) => {
        stopCamera({ restore: true });
        showError(error);
      },
    });
    ui.cameraButton.setAttribute("aria-pressed", "true");
    ui.cameraButton.textContent = "Stop webcam";
    ui.result.dataset.camera = "live";
  } catch (error) {
    stopCamera({ restore: true });
    showError(error);
  } finally {
    ui.cameraButton.disabled = false;
  }
}

/**
 * Stops the camera. With `restore`, the stage goes back to what was there before: the last image with
 * its crop square and labels (classified again when the model or device changed since), or the
 * placeholder; never an empty black video box.
 */
function stopCamera(params: { restore: boolean }): void {
  if (camera) {
    camera.stop();
    camera = undefined;
    ui.cameraButton.setAttribute("aria-pressed", "false");
    ui.cameraButton.textContent = "Start webcam";
    delete ui.result.dataset.camera;
  }
  if (!params.restore) return;
  request++; // a frame still being classified must not land on the restored stage
  const last = lastResult;
  if (
    last &&
    last.image === lastImage &&
    last.classifier === models.active &&
    last.device === describeDevice(last.classifier)
  ) {
    showImageOnStage(ui, last.image.blob);
    renderResult(ui, { classifier: last.classifier, result: last.result, imageName: last.image.name });
  } else if (lastImage) {
    void classify(lastImage);
  } else {
    showPlaceholderOnStage(ui);
    renderPending(ui, { imageName: "", state: "empty" });
  }
}

/** The form's settings; when a field is invalid, `undefined`, with the error shown. */
function readForm(): ModelSettings | undefined {
  const read = readModelForm({ ui, current: settings });
  if ("error" in read) return void showError(read.error);
  return read.settings;
}

fillModelForm(ui, settings);
ui.modelForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = readForm();
  if (next) void applySettings(next);
});
ui.device.addEventListener("change", () => {
  const next = readForm();
  if (next) void applySettings(next);
});
ui.modelFolderButton.addEventListener("click", () => ui.modelFolder.click());
ui.modelFolder.addEventListener("change", () => {
  const files = ui.modelFolder.files;
  if (!files?.length) return;
  try {
    ui.modelId.value = addLocalModelFolder({ files });
  } catch (error) {
    return showError(error);
  }
  ui.modelFolder.value = "";
  const next = readForm();
  if (next) void applySettings(next);
});
ui.cameraButton.addEventListener("click", () => void toggleCamera());
// Teach mode (src/teach/): its own panels; the model choice and the page's drop/paste handlers are shared.
const teach = mountTeachMode({ root: document.getElementById("teach-mode")!, settings: () => settings });
const mode = wireModeSwitch({
  classifyButton: document.getElementById("mode-classify") as HTMLButtonElement,
  teachButton: document.getElementById("mode-teach") as HTMLButtonElement,
  classifyRoot: document.getElementById("classify-mode")!,
  teach,
  leaveClassify: () => stopCamera({ restore: true }),
  enterClassify: () => void currentClassifier().catch(showError),
});
wireImageSources({
  ui,
  onImage: (image) =>
    mode.current() === "teach" ? teach.takeImage(image) : void classify(image, { reveal: true }),
  onError: imageFailed,
});
void webGpuAdapter().then((adapter) => {
  renderDeviceMenu(ui, adapter);
  showDeviceChoice(ui, settings.device);
});

// Start downloading the runtime and the model right away: by the time an image is chosen they are
// usually ready. A model id from the link is checked first, as one typed in the form. The service
// worker (offline mode) is registered only after that first load, so its precaching never competes
// with the first visit's downloads.
// Opened in Teach mode, the first load is Teach's backbone (Classify loads its model when opened).
const firstLoad = (async () => {
  if (mode.current() === "teach") return teach.backboneLoaded();
  try {
    checkModelId({ modelId: settings.modelId });
  } catch (error) {
    ui.modelId.setAttribute("aria-invalid", "true");
    throw error;
  }
  return currentClassifier();
})();
firstLoad.catch(showError);
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void firstLoad
    .catch(() => undefined)
    .then(() => navigator.serviceWorker.register("./sw.js"))
    .catch((error: unknown) => console.warn("offline mode unavailable:", error));
}
