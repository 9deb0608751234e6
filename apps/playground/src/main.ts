import "@mobilenetv1/hub"; // registers the hub as the model source for repo ids (Cache Storage in browsers)
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
import { GOOGLE_CHECKPOINTS } from "./model/model-catalog.js";
import { browserHasWebGpu, isDeviceChoice } from "./model/web-backends.js";
import { settingsFromUrl, urlWithSettings } from "./playground-settings.js";
import { wireModeSwitch } from "./teach/mode-switch.js";
import { mountTeachMode } from "./teach/teach-view.js";
import { describeError } from "./view/describe-error.js";
import { renderError } from "./view/error-view.js";
import { renderModelStatus } from "./view/model-status-view.js";
import { pageElements } from "./view/page-elements.js";
import { renderPending, renderResult } from "./view/result-view.js";

const ui = pageElements();
registerLocalFolderSource();
let settings: ModelSettings = settingsFromUrl(new URL(location.href));
let loading: { key: string; classifier: Promise<LoadedClassifier> } | undefined;
let lastImage: GivenImage | undefined;
let camera: LiveCamera | undefined;
let request = 0; // the latest classification; older ones finishing late are dropped

const modelKey = (s: ModelSettings) => JSON.stringify([s.modelId, s.hubUrl, s.revision]);

function showError(error: unknown): void {
  console.error(error);
  renderError(ui.error, describeError({ error, online: navigator.onLine }));
}

/** The classifier for the current settings: loaded once per model, moved when only the device changed. */
function currentClassifier(): Promise<LoadedClassifier> {
  const key = modelKey(settings);
  const wanted = { ...settings };
  if (!loading || loading.key !== key) {
    renderModelStatus(ui, { state: "loading", modelId: wanted.modelId });
    const classifier = loadClassifier({
      settings: wanted,
      onProgress: (progress) =>
        renderModelStatus(ui, { state: "loading", modelId: wanted.modelId, progress }),
    });
    loading = { key, classifier };
    classifier.then(
      (c) => loading?.classifier === classifier && renderModelStatus(ui, { state: "loaded", classifier: c }),
      (error: unknown) => {
        if (loading?.classifier !== classifier) return;
        loading = undefined; // the next attempt starts over (e.g. after going online)
        renderModelStatus(ui, {
          state: "failed",
          modelId: wanted.modelId,
          title: describeError({ error, online: navigator.onLine }).title,
        });
      },
    );
    return classifier;
  }
  return loading.classifier.then(async (c) => {
    if (c.deviceChoice !== settings.device) {
      renderModelStatus(ui, { state: "loading", modelId: c.settings.modelId });
      await moveClassifier({ classifier: c, device: settings.device }).catch((error: unknown) => {
        // Stay on the device that works, and say so in the menu and the link.
        settings = { ...settings, device: c.deviceChoice };
        ui.device.value = c.deviceChoice;
        history.replaceState(null, "", urlWithSettings(new URL(location.href), settings));
        renderModelStatus(ui, { state: "loaded", classifier: c });
        throw error;
      });
      renderModelStatus(ui, { state: "loaded", classifier: c });
    }
    return c;
  });
}

/** Loads (or switches) the model, then classifies the image on screen again, if any. */
async function applySettings(next: ModelSettings): Promise<void> {
  settings = next;
  history.replaceState(null, "", urlWithSettings(new URL(location.href), settings));
  renderError(ui.error, undefined);
  if (camera) return void currentClassifier().catch(showError);
  if (lastImage) return classify(lastImage);
  await currentClassifier().catch(showError);
}

async function classify(image: GivenImage): Promise<void> {
  stopCamera();
  const mine = ++request;
  lastImage = image;
  renderError(ui.error, undefined);
  showPreview(image.blob);
  renderPending(ui, { imageName: image.name, state: "classifying" });
  let classifier: LoadedClassifier;
  let result: Classification;
  try {
    classifier = await currentClassifier();
    result = await classifyImage({ classifier, image: image.blob });
  } catch (error) {
    if (mine !== request) return;
    renderPending(ui, { imageName: image.name, state: "error" });
    return showError(error);
  }
  if (mine === request) renderResult(ui, { classifier, result, imageName: image.name });
}

let previewUrl: string | undefined;
function showPreview(blob: Blob | undefined): void {
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = blob ? URL.createObjectURL(blob) : undefined;
  ui.previewImage.hidden = !blob;
  ui.camera.hidden = !!blob;
  ui.stage.dataset.empty = "false";
  ui.previewCaption.hidden = false;
  if (previewUrl) ui.previewImage.src = previewUrl;
}
ui.previewImage.addEventListener("load", () => {
  ui.previewImage.alt = `The image being classified: ${lastImage?.name ?? ""}`;
});
ui.previewImage.addEventListener("error", () => {
  ui.previewImage.hidden = true; // not an image the browser can show; the error panel says why
  ui.stage.dataset.empty = "true";
  ui.previewCaption.hidden = true;
});

async function toggleCamera(): Promise<void> {
  if (camera) return stopCamera();
  const mine = ++request;
  renderError(ui.error, undefined);
  ui.cameraButton.disabled = true;
  try {
    const classifier = await currentClassifier();
    ui.previewImage.hidden = true;
    ui.camera.hidden = false;
    ui.stage.dataset.empty = "false";
    ui.previewCaption.hidden = false;
    renderPending(ui, { imageName: "webcam", state: "classifying" });
    camera = await startLiveCamera({
      video: ui.camera,
      onFrame: async (frame) => {
        const c = (await loading?.classifier) ?? classifier;
        const result = await classifyImage({ classifier: c, image: frame });
        if (camera && mine === request)
          renderResult(ui, { classifier: c, result, imageName: "webcam", announce: false });
      },
      onError: (error) => {
        stopCamera();
        showError(error);
      },
    });
    ui.cameraButton.setAttribute("aria-pressed", "true");
    ui.cameraButton.textContent = "Stop webcam";
    ui.result.dataset.camera = "live";
  } catch (error) {
    stopCamera();
    showError(error);
  } finally {
    ui.cameraButton.disabled = false;
  }
}

function stopCamera(): void {
  if (!camera) return;
  camera.stop();
  camera = undefined;
  ui.cameraButton.setAttribute("aria-pressed", "false");
  ui.cameraButton.textContent = "Start webcam";
  delete ui.result.dataset.camera;
}

function readForm(): ModelSettings | undefined {
  const hubUrl = ui.hubUrl.value.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/i.test(hubUrl)) {
    ui.hubSettings.open = true;
    ui.hubUrl.focus();
    renderError(ui.error, {
      title: "Invalid hub endpoint",
      advice: "Enter an http(s) URL, such as https://huggingface.co.",
      detail: `hub endpoint = ${JSON.stringify(hubUrl)}`,
    });
    return undefined;
  }
  const device = ui.device.value;
  return {
    modelId: ui.modelId.value.trim() || settings.modelId,
    device: isDeviceChoice(device) ? device : settings.device,
    hubUrl,
    revision: ui.revision.value.trim() || "main",
  };
}

function fillForm(): void {
  ui.modelId.value = settings.modelId;
  ui.device.value = settings.device;
  ui.hubUrl.value = settings.hubUrl;
  ui.revision.value = settings.revision;
  ui.modelSuggestions.replaceChildren(
    ...GOOGLE_CHECKPOINTS.map(({ id, description }) =>
      Object.assign(new Option(description, id), { label: description }),
    ),
  );
  if (!browserHasWebGpu()) {
    const webgpu = ui.device.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
    webgpu.disabled = true;
    webgpu.textContent = "WebGPU (not available in this browser)";
    ui.deviceHint.textContent = "This browser has no WebGPU: models run on WebAssembly.";
  }
}

fillForm();
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
  leaveClassify: stopCamera,
  enterClassify: () => void currentClassifier().catch(showError),
});
wireImageSources({
  ui,
  onImage: (image) => (mode.current() === "teach" ? teach.takeImage(image) : void classify(image)),
  onError: showError,
});

// Start downloading the model right away: by the time an image is chosen it is usually ready.
if (mode.current() === "classify") void currentClassifier().catch(showError);

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("./sw.js")
    .catch((error: unknown) => console.warn("offline mode unavailable:", error));
}
