/** The page's elements by id (index.html), typed; a missing one fails at start-up, not later. */
export function pageElements() {
  const byId = <T extends HTMLElement | SVGElement>(id: string, type: { new (): T }): T => {
    const element = document.getElementById(id);
    if (!(element instanceof type)) throw new Error(`index.html has no <${type.name}> #${id}`);
    return element;
  };
  return {
    modelForm: byId("model-form", HTMLFormElement),
    modelId: byId("model-id", HTMLInputElement),
    modelSuggestions: byId("model-suggestions", HTMLDataListElement),
    device: byId("device", HTMLSelectElement),
    deviceHint: byId("device-hint", HTMLElement),
    hubSettings: byId("hub-settings", HTMLDetailsElement),
    hubUrl: byId("hub-url", HTMLInputElement),
    revision: byId("revision", HTMLInputElement),
    modelFolderButton: byId("model-folder-button", HTMLButtonElement),
    modelFolder: byId("model-folder", HTMLInputElement),
    modelStatus: byId("model-status", HTMLElement),
    modelStatusText: byId("model-status-text", HTMLElement),
    modelProgress: byId("model-progress", HTMLProgressElement),
    modelProgressText: byId("model-progress-text", HTMLElement),
    dropZone: byId("drop-zone", HTMLElement),
    imageFileButton: byId("image-file-button", HTMLButtonElement),
    imageFile: byId("image-file", HTMLInputElement),
    urlForm: byId("url-form", HTMLFormElement),
    imageUrl: byId("image-url", HTMLInputElement),
    sampleButton: byId("sample-button", HTMLButtonElement),
    cameraButton: byId("camera-button", HTMLButtonElement),
    result: byId("result", HTMLElement),
    error: byId("error", HTMLElement),
    notice: byId("notice", HTMLElement),
    stage: byId("stage", HTMLElement),
    previewImage: byId("preview-image", HTMLImageElement),
    camera: byId("camera", HTMLVideoElement),
    cropOverlay: byId("crop-overlay", SVGSVGElement),
    previewCaption: byId("preview-caption", HTMLElement),
    resultSummary: byId("result-summary", HTMLElement),
    resultProgress: byId("result-progress", HTMLProgressElement),
    predictions: byId("predictions", HTMLOListElement),
    modelInputFigure: byId("model-input-figure", HTMLElement),
    modelInput: byId("model-input", HTMLCanvasElement),
    modelInputCaption: byId("model-input-caption", HTMLElement),
    timings: byId("timings", HTMLDListElement),
  };
}

export type PageElements = ReturnType<typeof pageElements>;
