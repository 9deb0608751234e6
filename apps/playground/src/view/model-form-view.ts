import { HubSettingError } from "@mobilenetv1/hub";
import type { ModelSettings } from "../model/load-classifier.js";
import { GOOGLE_CHECKPOINTS } from "../model/model-catalog.js";
import { checkModelId } from "../model/model-id.js";
import { type DeviceChoice, isDeviceChoice } from "../model/web-backends.js";
import type { PageElements } from "./page-elements.js";

/** Selects `device` in the menu, if the menu offers it (WebGPU is not offered without an adapter). */
export function showDeviceChoice(ui: PageElements, device: DeviceChoice): void {
  if ([...ui.device.options].some((option) => option.value === device)) ui.device.value = device;
}

/** Puts `settings` in the model form, with the google/ checkpoints as suggestions. */
export function fillModelForm(ui: PageElements, settings: ModelSettings): void {
  ui.modelId.value = settings.modelId;
  showDeviceChoice(ui, settings.device);
  ui.hubUrl.value = settings.hubUrl;
  ui.revision.value = settings.revision;
  ui.modelSuggestions.replaceChildren(
    ...GOOGLE_CHECKPOINTS.map(({ id, description }) =>
      Object.assign(new Option(description, id), { label: description }),
    ),
  );
}

/**
 * The model form's settings, checked before anything loads: the hub endpoint must be an http(s) URL
 * and the model id `org/name` or a picked folder. An invalid field is marked (`aria-invalid`) and
 * focused, and its typed error (HubSettingError, HubRepoIdError) returned for the page to show.
 *
 * @example
 * readModelForm({ ui, current }) // { settings: { modelId: "google/mobilenet_v1_1.0_224", ... } }
 * // with "mobilenet" typed as the model: { error: HubRepoIdError }
 */
export function readModelForm(params: {
  ui: PageElements;
  /** What an empty field or an unknown device falls back to. */
  current: ModelSettings;
}): { settings: ModelSettings } | { error: unknown } {
  const { ui, current } = params;
  for (const field of [ui.hubUrl, ui.modelId]) field.removeAttribute("aria-invalid");
  const invalid = (field: HTMLInputElement, error: unknown) => {
    field.setAttribute("aria-invalid", "true");
    field.focus();
    return { error };
  };
  const hubUrl = ui.hubUrl.value.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/i.test(hubUrl)) {
    ui.hubSettings.open = true;
    return invalid(
      ui.hubUrl,
      new HubSettingError({
        argument: "hub endpoint",
        value: hubUrl,
        expected: "an http(s) URL, such as https://huggingface.co",
      }),
    );
  }
  const modelId = ui.modelId.value.trim() || current.modelId;
  try {
    checkModelId({ modelId });
  } catch (error) {
    return invalid(ui.modelId, error);
  }
  const device = ui.device.value;
  return {
    settings: {
      modelId,
      device: isDeviceChoice(device) ? device : current.device,
      hubUrl,
      revision: ui.revision.value.trim() || "main",
    },
  };
}
