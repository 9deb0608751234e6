import { DEFAULT_HUB_URL, DEFAULT_REVISION } from "@mobilenetv1/hub";
import { DEFAULT_IMAGE_CLASSIFICATION_MODEL } from "@mobilenetv1/pipeline";
import type { ModelSettings } from "./model/load-classifier.js";
import { LOCAL_MODEL_PREFIX } from "./model/local-folder-model-source.js";
import { DEFAULT_DEVICE_CHOICE, isDeviceChoice } from "./model/web-backends.js";

/** The URL query parameters a link can set: `?model=…&device=…&hub=…&revision=…`. */
export const QUERY_PARAMS = { model: "model", device: "device", hub: "hub", revision: "revision" } as const;

export const DEFAULT_SETTINGS: Readonly<ModelSettings> = Object.freeze({
  modelId: DEFAULT_IMAGE_CLASSIFICATION_MODEL,
  device: DEFAULT_DEVICE_CHOICE,
  hubUrl: DEFAULT_HUB_URL,
  revision: DEFAULT_REVISION,
});

/**
 * Settings from a page URL's query, defaults for what it leaves out (an unknown device too).
 *
 * @example
 * settingsFromUrl(new URL("https://x/?hub=http://127.0.0.1:8080&model=shared/keras_mobilenet_v1_0.75_224"))
 * // { modelId: "shared/keras_mobilenet_v1_0.75_224", device: "auto", hubUrl: "http://127.0.0.1:8080", revision: "main" }
 */
export function settingsFromUrl(url: URL): ModelSettings {
  const get = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const device = get(QUERY_PARAMS.device);
  return {
    modelId: get(QUERY_PARAMS.model) ?? DEFAULT_SETTINGS.modelId,
    device: isDeviceChoice(device) ? device : DEFAULT_SETTINGS.device,
    hubUrl: (get(QUERY_PARAMS.hub) ?? DEFAULT_SETTINGS.hubUrl).replace(/\/+$/, ""),
    revision: get(QUERY_PARAMS.revision) ?? DEFAULT_SETTINGS.revision,
  };
}

/**
 * `url` with `settings` in its query (defaults left out), so the address bar is a link to this
 * configuration. Local folders cannot be linked to, so their id is left out.
 */
export function urlWithSettings(url: URL, settings: ModelSettings): URL {
  const next = new URL(url);
  const set = (name: string, value: string, fallback: string) => {
    if (value === fallback) next.searchParams.delete(name);
    else next.searchParams.set(name, value);
  };
  const linkable = !settings.modelId.startsWith(LOCAL_MODEL_PREFIX);
  set(QUERY_PARAMS.model, linkable ? settings.modelId : DEFAULT_SETTINGS.modelId, DEFAULT_SETTINGS.modelId);
  set(QUERY_PARAMS.device, settings.device, DEFAULT_SETTINGS.device);
  set(QUERY_PARAMS.hub, settings.hubUrl, DEFAULT_SETTINGS.hubUrl);
  set(QUERY_PARAMS.revision, settings.revision, DEFAULT_SETTINGS.revision);
  return next;
}
