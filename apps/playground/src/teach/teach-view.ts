import type { MobileNetV1ForImageClassification } from "@mobilenetv1/core";
import type { ImageFeatureExtractionPipeline } from "@mobilenetv1/pipeline";
import type { GivenImage } from "../image/image-sources.js";
import { type LiveCamera, startLiveCamera } from "../image/webcam-live.js";
import type { ModelSettings } from "../model/load-classifier.js";
import { describeError } from "../view/describe-error.js";
import { renderError } from "../view/error-view.js";
import { createClassListView } from "./class-list-view.js";
import { downloadTrainedModel } from "./download-model.js";
import { FrameRecorder } from "./frame-recorder.js";
import { loadTeachExtractor, teachModelKey } from "./load-extractor.js";
import { buildTeachElements, renderTeachPredictions } from "./teach-elements.js";
import { predictTaught } from "./teach-predict.js";
import { MAX_CLASSES, TeachState } from "./teach-state.js";
import { type TeachResult, trainTeachModel } from "./teach-training.js";
import { renderTrainProgress, renderTrainReport } from "./train-report-view.js";

/** Teach mode as the page's mode switch sees it. */
export interface TeachMode {
  /** Shown: loads the backbone for the current model choice (again if it changed). */
  show(): void;
  /** Hidden: stops the webcam. */
  hide(): void;
  /** An image dropped or pasted outside a class card: predicted with the trained model. */
  takeImage(image: GivenImage): void;
  /** Settles when the backbone asked for last has loaded or failed (failures are shown in the page). */
  backboneLoaded(): Promise<void>;
}

/** JPEG quality of recorded webcam frames: visually lossless, ~10× smaller than PNG. */
const FRAME_JPEG_QUALITY = 0.92;

/**
 * Mounts Teach mode in `root`: classes with examples from the webcam (hold to record), files or paste;
 * training in the page with progress; live predictions; the trained model as a zip. Nothing is sent
 * anywhere: the only network use is the model download, shared with Classify mode.
 */
export function mountTeachMode(params: { root: HTMLElement; settings: () => ModelSettings }): TeachMode {
  const ui = buildTeachElements(params.root);
  const state = new TeachState();
  state.addClass();
  state.addClass();
  const recorder = new FrameRecorder();
  let extractor:
    | { key: string; modelId: string; pipeline: Promise<ImageFeatureExtractionPipeline> }
    | undefined;
  let loaded: ImageFeatureExtractionPipeline | undefined;
  let camera: LiveCamera | undefined;
  let training: AbortController | undefined;
  let trained: (TeachResult & { modelKey: string }) | undefined;
  let previewUrl: string | undefined;
  let shownImage: GivenImage | undefined; // the image on the stage, classified again after each training

  const showError = (error: unknown) => {
    console.error(error);
    renderError(ui.error, describeError({ error, online: navigator.onLine }));
  };

  function loadExtractor(): void {
    const settings = params.settings();
    const key = teachModelKey(settings);
    if (extractor?.key === key) return;
    const old = extractor;
    training?.abort(new Error(`the model changed to ${settings.modelId} during training`));
    loaded = undefined;
    setTrained(undefined);
    ui.modelStatus.textContent = `Loading the backbone of ${settings.modelId}…`;
    ui.modelProgress.hidden = false;
    ui.modelProgress.removeAttribute("value");
    const pipeline = loadTeachExtractor({
      settings,
      onProgress: ({ loaded: bytes, total }) => {
        if (total) ui.modelProgress.value = bytes / total;
      },
    });
    extractor = { key, modelId: settings.modelId, pipeline };
    void old?.pipeline.then((p) => p.dispose()).catch(() => undefined);
    pipeline.then(
      (p) => {
        if (extractor?.pipeline !== pipeline) return;
        loaded = p;
        ui.modelProgress.hidden = true;
        ui.modelStatus.textContent = `Backbone: ${settings.modelId} (the model chosen in Classify mode).`;
        render();
      },
      (error: unknown) => {
        if (extractor?.pipeline !== pipeline) return;
        extractor = undefined;
        ui.modelProgress.hidden = true;
        ui.modelStatus.textContent = `Could not load ${settings.modelId}.`;
        showError(error);
        render();
      },
    );
  }

  function setTrained(next: (TeachResult & { modelKey: string }) | undefined): void {
    if (trained && trained.model !== next?.model) void trained.model.dispose().catch(() => undefined);
    trained = next;
    if (!next) renderTeachPredictions({ ui, source: "", top: undefined });
  }

  const classList = createClassListView({
    list: ui.classList,
    state,
    recorder,
    changed: () => render(),
    afterRemove: () => ui.addClassButton.focus(), // the removed card had focus
    showError: (error) => renderError(ui.error, error),
  });

  function render(): void {
    classList.render({ canRecord: !!camera });
    const readiness = state.readiness();
    // Training is deterministic (seeded split, L-BFGS): the same examples would give the same model.
    const upToDate = trained?.revision === state.revision && trained.modelKey === extractor?.key;
    const reason = training
      ? "Training…"
      : !loaded
        ? "Waiting for the model to load."
        : !readiness.ready
          ? readiness.reason
          : upToDate
            ? "Trained on these examples. Add, remove or rename to train again."
            : "";
    ui.trainButton.disabled = !!training || !loaded || !readiness.ready || upToDate;
    ui.trainReason.textContent = reason;
    ui.downloadButton.disabled = !trained || !!training;
    ui.addClassButton.disabled = state.classes.length >= MAX_CLASSES;
  }

  async function train(): Promise<void> {
    if (!loaded || training) return;
    renderError(ui.error, undefined);
    training = new AbortController();
    const extractorNow = loaded;
    const modelKey = extractor!.key;
    render();
    try {
      const result = await trainTeachModel({
        state,
        extractor: extractorNow,
        modelKey,
        signal: training.signal,
        onProgress: (progress) => renderTrainProgress({ ui, progress }),
      });
      setTrained({ ...result, modelKey });
      renderTrainReport({ ui, result, classNames: result.head.classNames });
      if (shownImage && !camera) void predictImage(shownImage); // its prediction was the old model's
    } catch (error) {
      ui.trainProgress.hidden = true;
      ui.trainStatus.textContent = "Training failed.";
      showError(error);
    } finally {
      training = undefined;
      render();
    }
  }

  function download(): void {
    if (!trained || !loaded) return;
    downloadTrainedModel({
      model: trained.model,
      processor: loaded.processor,
      classNames: trained.head.classNames,
    });
  }

  async function onFrame(frame: HTMLCanvasElement): Promise<void> {
    const classId = recorder.take(performance.now());
    if (classId !== undefined && state.room({ classId }) > 0) {
      const blob = await new Promise<Blob | null>((resolve) =>
        frame.toBlob(resolve, "image/jpeg", FRAME_JPEG_QUALITY),
      );
      if (blob && state.classes.some((c) => c.id === classId)) {
        state.addSamples({ classId, images: [blob], source: "webcam" });
        render();
      }
    }
    const model: MobileNetV1ForImageClassification | undefined = trained?.model;
    if (model && loaded && !training && !previewUrl) {
      const top = await predictTaught({ model, processor: loaded.processor, image: frame });
      if (camera && trained?.model === model) renderTeachPredictions({ ui, source: "webcam", top });
    }
  }

  async function toggleCamera(): Promise<void> {
    if (camera) return stopCamera();
    renderError(ui.error, undefined);
    ui.cameraButton.disabled = true;
    try {
      shownImage = undefined;
      showPreview(undefined);
      ui.video.hidden = false;
      camera = await startLiveCamera({
        video: ui.video,
        onFrame,
        onError: (error) => {
          stopCamera();
          showError(error);
        },
      });
      ui.video.parentElement!.dataset.empty = "false";
      ui.cameraButton.setAttribute("aria-pressed", "true");
      ui.cameraButton.textContent = "Stop webcam";
    } catch (error) {
      stopCamera();
      showError(error);
    } finally {
      ui.cameraButton.disabled = false;
      render();
    }
  }

  function stopCamera(): void {
    recorder.stop();
    camera?.stop();
    camera = undefined;
    ui.video.hidden = true;
    ui.video.parentElement!.dataset.empty = String(!previewUrl);
    ui.cameraButton.setAttribute("aria-pressed", "false");
    ui.cameraButton.textContent = "Start webcam";
    render();
  }

  function showPreview(blob: Blob | undefined): void {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = blob ? URL.createObjectURL(blob) : undefined;
    ui.previewImage.hidden = !previewUrl;
    if (previewUrl) ui.previewImage.src = previewUrl;
  }

  async function predictImage(image: GivenImage): Promise<void> {
    renderError(ui.error, undefined);
    if (!trained || !loaded) {
      renderError(ui.error, {
        title: "Nothing trained yet",
        advice:
          "Drop or paste images onto a class to add them as examples; after training, images dropped here are classified.",
        detail: `${image.name} was not used`,
      });
      return;
    }
    if (camera) stopCamera();
    shownImage = image;
    showPreview(image.blob);
    ui.video.parentElement!.dataset.empty = "false";
    try {
      const top = await predictTaught({
        model: trained.model,
        processor: loaded.processor,
        image: image.blob,
      });
      renderTeachPredictions({ ui, source: image.name, top });
    } catch (error) {
      renderTeachPredictions({ ui, source: image.name, top: undefined });
      showError(error);
    }
  }

  ui.addClassButton.addEventListener("click", () => {
    const added = state.addClass();
    render();
    classList.card(added.id)?.element.querySelector("input")?.select();
  });
  ui.trainButton.addEventListener("click", () => void train());
  ui.downloadButton.addEventListener("click", download);
  ui.cameraButton.addEventListener("click", () => void toggleCamera());
  render();

  return {
    show() {
      params.root.hidden = false;
      loadExtractor();
    },
    hide() {
      params.root.hidden = true;
      stopCamera();
    },
    takeImage: (image) => void predictImage(image),
    backboneLoaded: () =>
      (extractor?.pipeline ?? Promise.resolve()).then(
        () => undefined,
        () => undefined,
      ),
  };
}
