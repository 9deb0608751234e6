import { MobileNetError, type MobileNetErrorCode, ModelFileNotFoundError } from "@mobilenetv1/core";
import { HubHttpError, HubNetworkError } from "@mobilenetv1/hub";
import { ImageSourceError } from "@mobilenetv1/image-processor";
import { LOCAL_MODEL_PREFIX } from "../model/local-folder-model-source.js";

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

const CORRUPT_MODEL: Advice = {
  title: "The model's weights are broken",
  advice:
    "The checkpoint holds NaN or infinite values, so it cannot give predictions. Use another checkpoint, " +
    "or download this one again.",
};
const HUB_SETTING: Advice = {
  title: "Check the Hub settings",
  advice:
    "A value under Hub settings cannot be used (see below). Correct it, or clear it to use the default.",
};
const NOT_IN_BROWSER: Advice = {
  title: "Not available in the browser",
  advice: "This failure comes from a command-line tool and should not happen here; the details say more.",
};

// By the SDK's stable error codes, never by message text. A Record over every code: a new code without
// advice here does not compile.
const BY_CODE: Record<MobileNetErrorCode, Advice> = {
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
  // Replaced by an online/offline-aware description in describeError.
  HUB_UNREACHABLE: {
    title: "Cannot reach the hub",
    advice: "This model is not in the browser's cache yet. Connect to the internet once, or use a mirror.",
  },
  HUB_INTEGRITY: {
    title: "Download corrupted",
    advice:
      "A file did not match the hub's checksum and was not kept. Try again; a proxy or mirror may alter files.",
  },
  HUB_HTTP: { title: "The hub returned an error", advice: "Try again later, or use another hub endpoint." },
  HUB_UNSAFE_PATH: BAD_MODEL_FILES,
  HUB_INVALID_REPO_ID: {
    title: "Not a model id",
    advice:
      'A model id is "name" or "org/name" of letters, digits, "-", "_" and ".", e.g. google/mobilenet_v1_1.0_224.',
  },
  HUB_INVALID_REVISION: {
    title: "Not a revision",
    advice: "A revision is a branch, a tag, a 40-character commit hash or refs/pr/N. Clear it to use main.",
  },
  HUB_INVALID_TOKEN: {
    title: "Not an access token",
    advice:
      'A Hugging Face access token starts with "hf_" and has no spaces; the playground loads public models only.',
  },
  HUB_INVALID_SETTING: HUB_SETTING,
  HUB_FILE_TOO_LARGE: {
    title: "Model file too large",
    advice:
      "A file of this repository is larger than a MobileNetV1 checkpoint can be, so it was not downloaded.",
  },
  HUB_CACHE_FILE_INVALID: {
    title: "Cached file damaged",
    advice:
      "A file in the browser's cache is not usable. Clear this site's data, then load the model again online.",
  },
  MODEL_TYPE_UNSUPPORTED: {
    title: "Not a MobileNetV1 model",
    advice: 'This playground runs MobileNetV1 checkpoints (config.json model_type "mobilenet_v1").',
  },
  CONFIG_INVALID: BAD_MODEL_FILES,
  CHECKPOINT_NAME: BAD_MODEL_FILES,
  CHECKPOINT_QUANTIZED: {
    title: "Quantized checkpoint not supported",
    advice:
      "TF's quantized MobileNetV1 checkpoints cannot be loaded; use the float checkpoint of the same size.",
  },
  FILE_FORMAT: BAD_MODEL_FILES,
  WEIGHTS_MISMATCH: BAD_MODEL_FILES,
  PICKLE_UNSAFE: BAD_MODEL_FILES,
  MODEL_FILE_NOT_REGULAR: BAD_MODEL_FILES,
  FILE_TOO_LARGE: {
    title: "Model file too large",
    advice: "A model file is larger than a MobileNetV1 checkpoint can be, so it was not read.",
  },
  WEIGHTS_NON_FINITE: CORRUPT_MODEL,
  MODEL_OUTPUT_NON_FINITE: CORRUPT_MODEL,
  NETWORK_TIMEOUT: {
    title: "The download timed out",
    advice: "The server stopped answering. Check the connection and try again, or use another hub endpoint.",
  },
  IMAGE_DECODE: IMAGE,
  IMAGE_SOURCE: IMAGE,
  IMAGE_EMPTY: { title: "Empty image", advice: "The image has no pixels." },
  IMAGE_TOO_LARGE: { title: "Image too large", advice: "Use an image of fewer than 89 million pixels." },
  DEPENDENCY_MISSING: NOT_IN_BROWSER,
  BACKEND: {
    title: "The backend could not start",
    advice: "onnxruntime-web did not start on this device. Choose WebAssembly (wasm) under Backend.",
  },
  INPUT_INVALID: { title: "Invalid input", advice: "Check the value named below." },
  TRAIN_EMPTY_CLASS: {
    title: "A class has no examples",
    advice: "Add at least one readable image to every class, or remove the empty class.",
  },
  TRAIN_TOO_FEW_CLASSES: {
    title: "At least two classes needed",
    advice: "A classifier tells classes apart: add examples of a second class.",
  },
  TRAIN_EMBEDDING_SHAPE: {
    title: "Features do not fit the model",
    advice: "The examples were extracted with another model. Extract them again with the model loaded now.",
  },
  TRAIN_LABEL_COLLISION: {
    title: "Two class names collide",
    advice: "Two class names differ only in upper/lower case or accents' encoding. Rename one of them.",
  },
  TRAIN_NO_IMAGES: {
    title: "No usable images",
    advice: "None of the examples could be read as an image. Try PNG, JPEG, WebP or GIF files.",
  },
  TRAIN_DATASET_FOLDER: NOT_IN_BROWSER,
  CONVERT_UNSAFE_PATH: NOT_IN_BROWSER,
  CONVERT_INPUT_FILE: NOT_IN_BROWSER,
  OUTPUT_UNWRITABLE: NOT_IN_BROWSER,
  USAGE: NOT_IN_BROWSER,
  OUTPUT_CLOSED: NOT_IN_BROWSER,
  SERVE_QUEUE_FULL: NOT_IN_BROWSER,
  SERVE_TIMEOUT: NOT_IN_BROWSER,
  SERVE_SHUTTING_DOWN: NOT_IN_BROWSER,
  SERVE_MODEL_NOT_FOUND: NOT_IN_BROWSER,
  SERVE_MEDIA_TYPE: NOT_IN_BROWSER,
  SERVE_BODY_TOO_LARGE: NOT_IN_BROWSER,
  SERVE_BAD_REQUEST: NOT_IN_BROWSER,
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
  if (error instanceof HubNetworkError && error.statusCode !== undefined) {
    // The hub answered, with a server error (5xx) or "too many requests" (429), on every attempt:
    // it is reachable, so "cannot reach" would send the user to check a connection that works.
    return {
      title: `The hub returned an error (HTTP ${error.statusCode})`,
      advice:
        "The hub answered, but with an error, on every attempt, and this model is not in the browser's " +
        "cache. Try again in a while, or use a mirror (Hub settings).",
      detail,
    };
  }
  if (error instanceof HubHttpError) {
    return {
      title: `The hub returned an error (HTTP ${error.statusCode})`,
      advice: BY_CODE.HUB_HTTP.advice,
      detail,
    };
  }
  if (error instanceof ImageSourceError) return { ...imageSourceAdvice(error), detail };
  if (
    !params.online &&
    error instanceof ModelFileNotFoundError &&
    !error.location.startsWith(LOCAL_MODEL_PREFIX)
  ) {
    // Offline, the hub package reads what the cache holds (as huggingface_hub does): a download cut
    // short leaves config.json without weights, which is "not downloaded yet", not "not in the repo".
    return {
      title: "You are offline",
      advice:
        "Only part of this model is in the browser's cache. Connect to the internet to finish " +
        "downloading it, or open a local model folder.",
      detail,
    };
  }
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
    // A package newer than the playground may throw a code this table does not know yet.
    const known: Advice | undefined = BY_CODE[error.code];
    if (known) return { ...known, detail };
  }
  if (error instanceof DOMException && error.name === "NotAllowedError") {
    return { title: "Permission denied", advice: "The browser did not allow access to the camera.", detail };
  }
  if (error instanceof DOMException && error.name === "NotFoundError") {
    return { title: "No camera found", advice: "This device has no camera the browser can use.", detail };
  }
  return { title: "Something went wrong", advice: "Try again; the details below say what failed.", detail };
}

/** An image that could not be read, by why (its `reason` field). */
function imageSourceAdvice(error: ImageSourceError): Advice {
  switch (error.reason) {
    case "invalid-url":
      return {
        title: "Not an image URL",
        advice: "Enter the full address of an image, starting with https:// (or http://).",
      };
    case "not-an-image":
      return {
        title: "The URL is not an image",
        advice: `The server sent ${error.contentType ?? "something else"}, not an image: a web page or an API answer. Use the address of the image itself (right-click it, "Copy image address").`,
      };
    case "too-large":
      return {
        title: "Image too large",
        advice: "The file is larger than an image can be here. Use a smaller one.",
      };
    default:
      return {
        title: "Could not get the image",
        advice: "Download the image and choose it as a file, or try another URL.",
      };
  }
}
