import { MobileNetError } from "@mobilenetv1/core";

/** An error as the page shows it: a short title, what to do, and the SDK's own message for details. */
export interface ErrorDescription {
  readonly title: string;
  readonly advice: string;
  readonly detail: string;
}

type Advice = { title: string; advice: string };

const IMAGE: Advice = {
  title: "Unsupported image",
  advice: "This file is not an image the browser can decode. Try a PNG, JPEG, WebP or GIF.",
};
const BAD_MODEL_FILES: Advice = {
  title: "The model files are not usable",
  advice: "The checkpoint could not be read as a MobileNetV1 model. Check the repository or folder.",
};

// By the SDK's stable error codes, never by message text.
const BY_CODE: Record<string, Advice> = {
  HUB_REPO_NOT_FOUND: {
    title: "Model not found",
    advice:
      "No such repository on this hub (or it is private). Check the id, or the hub endpoint in Hub settings.",
  },
  HUB_REVISION_NOT_FOUND: {
    title: "Revision not found",
    advice: "The repository has no such branch, tag or commit. Clear the revision field to use main.",
  },
  MODEL_FILE_NOT_FOUND: {
    title: "Model files not found",
    advice: "A MobileNetV1 checkpoint needs config.json and model.safetensors or pytorch_model.bin.",
  },
  HUB_OFFLINE_NOT_CACHED: {
    title: "Not available offline",
    advice: "This model has not been downloaded in this browser yet. Connect once to load it.",
  },
  HUB_UNAUTHORIZED: {
    title: "Access denied",
    advice: "The repository is gated or private; the playground loads public models only.",
  },
  HUB_INTEGRITY: {
    title: "Download corrupted",
    advice:
      "A file did not match the hub's checksum and was not kept. Try again; a proxy or mirror may alter files.",
  },
  HUB_HTTP: { title: "The hub returned an error", advice: "Try again later, or use another hub endpoint." },
  HUB_UNSAFE_PATH: BAD_MODEL_FILES,
  MODEL_TYPE_UNSUPPORTED: {
    title: "Not a MobileNetV1 model",
    advice: 'This playground runs MobileNetV1 checkpoints (config.json model_type "mobilenet_v1").',
  },
  CONFIG_INVALID: BAD_MODEL_FILES,
  FILE_FORMAT: BAD_MODEL_FILES,
  WEIGHTS_MISMATCH: BAD_MODEL_FILES,
  PICKLE_UNSAFE: BAD_MODEL_FILES,
  IMAGE_DECODE: IMAGE,
  IMAGE_SOURCE: IMAGE,
  IMAGE_EMPTY: { title: "Empty image", advice: "The image has no pixels." },
  IMAGE_TOO_LARGE: { title: "Image too large", advice: "Use an image of fewer than 89 million pixels." },
  BACKEND: {
    title: "The backend could not start",
    advice: "onnxruntime-web did not start on this device. Choose WebAssembly (wasm) under Backend.",
  },
  INPUT_INVALID: { title: "Invalid input", advice: "Check the value named below." },
};

/**
 * What to tell the user about `error`. `online` distinguishes "you are offline" from "the hub is
 * unreachable" when the hub cannot be reached and the model is not cached.
 *
 * @example
 * describeError({ error: new HubRepoNotFoundError({ repoId: "a/b", hubUrl, statusCode: 404 }), online: true }).title
 * // "Model not found"
 */
export function describeError(params: { error: unknown; online: boolean }): ErrorDescription {
  const { error } = params;
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof MobileNetError) {
    if (error.code === "HUB_UNREACHABLE") {
      return {
        title: params.online ? "Cannot reach the hub" : "You are offline",
        advice:
          "This model is not in the browser's cache yet. Connect to the internet once to download it, " +
          "use a mirror (Hub settings), or open a local model folder.",
        detail,
      };
    }
    const known = BY_CODE[error.code];
    if (known) return { ...known, detail };
  }
  if (error instanceof Error && error.name === "ImageDownloadError") {
    return {
      title: "Could not get the image",
      advice: "Download the image and choose it as a file, or try another URL.",
      detail,
    };
  }
  if (error instanceof DOMException && error.name === "NotAllowedError") {
    return { title: "Permission denied", advice: "The browser did not allow access to the camera.", detail };
  }
  if (error instanceof DOMException && error.name === "NotFoundError") {
    return { title: "No camera found", advice: "This device has no camera the browser can use.", detail };
  }
  return { title: "Something went wrong", advice: "Try again; the details below say what failed.", detail };
}
