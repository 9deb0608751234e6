import type { WebBackend } from "@mobilenetv1/backend-web";
import {
  MODEL_FILES,
  MobileNetV1PreTrainedModel,
  ModelFileNotFoundError,
  type SourceOptions,
} from "@mobilenetv1/core";
import { MobileNetV1ImageProcessor } from "@mobilenetv1/image-processor";
import { AutoModelForImageClassification, type ImageClassificationModel } from "@mobilenetv1/pipeline";
import { hubSourceOptions } from "./hub-source-options.js";
import { prefetchModel } from "./prefetch-model.js";
import { backendFor, type DeviceChoice } from "./web-backends.js";
import type { GpuAdapterSummary } from "./webgpu-adapter.js";

/** Where a model comes from and where it runs. */
export interface ModelSettings {
  /** Hub repo id (`org/name`) or `local:<folder>`. */
  modelId: string;
  device: DeviceChoice;
  /** Hub endpoint (a mirror, or the mock hub in tests). */
  hubUrl: string;
  revision: string;
}

/** Download progress summed over the model's files. */
export interface LoadProgress {
  loaded: number;
  /** `undefined` until every file's size is known. */
  total: number | undefined;
  file: string;
}

/** A model ready to classify, with what it took to get there. */
export interface LoadedClassifier {
  readonly settings: ModelSettings;
  readonly model: ImageClassificationModel;
  readonly processor: MobileNetV1ImageProcessor;
  /** Set when the folder or repo has no preprocessor_config.json and HF's defaults are used. */
  readonly processorNote: string | undefined;
  /** The device menu's choice and the backend it gave; both change when the model moves. */
  deviceChoice: DeviceChoice;
  backend: WebBackend;
  /** The browser's WebGPU adapter, named under "Ran on" when the model runs on WebGPU. */
  gpuAdapter: GpuAdapterSummary | undefined;
  readonly timings: {
    /** Starting onnxruntime-web on the device (downloading and compiling its .wasm, probing WebGPU). */
    runtimeMs: number;
    /** Reading config and weights (download or browser cache, and parsing), in parallel with the runtime. */
    downloadMs: number;
    /** Creating the session and one warm-up run, so the first image's timings are the steady ones. */
    sessionMs: number;
    /** From the start of loading to ready: what the user waited (the first two overlap). */
    totalMs: number;
  };
  /** Bytes fetched from the network (0: everything came from the browser cache or a local folder). */
  readonly downloadedBytes: number;
}

/**
 * Loads a checkpoint by hub id or `local:` folder through the SDK: the model by config.json's
 * `model_type` (so a non-MobileNetV1 repo fails with a clear error), its image processor, and an
 * onnxruntime-web session on the chosen device. Hub downloads land in Cache Storage, so the next load
 * works offline.
 *
 * @example
 * const classifier = await loadClassifier({ settings, onProgress: (p) => console.log(p.loaded, p.total) });
 * classifier.backend.device // "wasm"
 */
export async function loadClassifier(params: {
  settings: ModelSettings;
  onProgress?: (progress: LoadProgress) => void;
}): Promise<LoadedClassifier> {
  const { settings } = params;
  const { source, downloadedBytes } = hubSourceOptions({ settings, onProgress: params.onProgress });
  // The runtime (its JavaScript and .wasm) and the model's files download at the same time: on a first
  // visit they share the connection instead of waiting for each other. Both timings start at t0. A hub
  // model's files (weights included, not after config.json is read) start first, before the WebGPU
  // adapter question that picks the runtime build, and the loaders below are pinned to the commit the
  // revision resolved to, so they ask the hub nothing more.
  const t0 = performance.now();
  const prefetched = prefetchModel({ modelId: settings.modelId, source });
  prefetched.catch(() => undefined); // awaited below; a failing runtime must not leave it unhandled
  const { backend, adapter } = await backendFor(settings.device);
  const runtime = backend.init().then(() => performance.now() - t0);
  runtime.catch(() => undefined); // awaited below; a failing prefetch must not leave it unhandled
  const pinned = await prefetched;
  const [runtimeMs, [model, { processor, note }]] = await Promise.all([
    runtime,
    Promise.all([
      AutoModelForImageClassification.fromPretrained(settings.modelId, { ...pinned, backend }),
      loadProcessor(settings.modelId, pinned),
    ]),
  ]);
  const t2 = performance.now();
  await warmUp({ model, processor });
  const t3 = performance.now();
  return {
    settings,
    model,
    processor,
    processorNote: note,
    deviceChoice: settings.device,
    backend,
    gpuAdapter: adapter,
    // fromPretrained waits for the runtime too (it builds the session on it), so downloadMs is the later
    // of the two; the page shows both, and totalMs as what the user waited.
    timings: { runtimeMs, downloadMs: t2 - t0, sessionMs: t3 - t2, totalMs: t3 - t0 },
    downloadedBytes: downloadedBytes(),
  };
}

/**
 * Moves a loaded model to another device without reloading its weights, and starts the session there
 * (its time replaces `timings.sessionMs`). When the device fails, the model stays where it was and the
 * error is thrown.
 */
export async function moveClassifier(params: {
  classifier: LoadedClassifier;
  device: DeviceChoice;
}): Promise<void> {
  const { classifier } = params;
  const { backend, adapter } = await backendFor(params.device);
  const t0 = performance.now();
  if (!(classifier.model instanceof MobileNetV1PreTrainedModel)) throw new Error("this model cannot move");
  await backend.init();
  const runtimeMs = performance.now() - t0;
  try {
    await classifier.model.to({ backend });
    await warmUp(classifier);
  } catch (error) {
    // A device can start and still fail on the model (WebGPU limits, a lost device): the model goes
    // back to the backend that ran it, so the page keeps classifying there.
    await classifier.model.to({ backend: classifier.backend });
    throw error;
  }
  classifier.backend = backend;
  classifier.deviceChoice = params.device;
  classifier.gpuAdapter = adapter;
  classifier.timings.runtimeMs = runtimeMs;
  classifier.timings.sessionMs = performance.now() - t0 - runtimeMs;
  classifier.timings.totalMs = performance.now() - t0;
}

/**
 * Creates the session and runs the model and the image processor once on a blank image: the first run
 * of each pays one-time costs (kernel setup, WebGPU shader compilation, resampling code warm-up).
 */
async function warmUp(params: { model: ImageClassificationModel; processor: MobileNetV1ImageProcessor }) {
  await params.model.prepare?.();
  const blank = { data: new Uint8Array(64 * 64 * 3), width: 64, height: 64, channels: 3 as const };
  const { pixelValues } = params.processor.preprocessPixels(blank);
  await params.model.forward({ pixelValues });
}

async function loadProcessor(modelId: string, source: SourceOptions) {
  try {
    return { processor: await MobileNetV1ImageProcessor.fromPretrained(modelId, source), note: undefined };
  } catch (error) {
    // A folder with only config.json and weights still classifies, with HF's default preprocessing
    // (the checkpoints' own preprocessor_config.json holds those defaults); the note says so.
    if (error instanceof ModelFileNotFoundError && error.files.includes(MODEL_FILES.preprocessorConfig)) {
      return {
        processor: new MobileNetV1ImageProcessor(),
        note: `${MODEL_FILES.preprocessorConfig} not found: using MobileNetV1ImageProcessor's defaults`,
      };
    }
    throw error;
  }
}
