import type { PageElements } from "../view/page-elements.js";

/** An image the user gave, before decoding, and how to name it in the page. */
export interface GivenImage {
  readonly blob: Blob;
  readonly name: string;
}

/** The sample's URL, relative to the page (emitted by vite-plugins/bundled-sample-plugin.ts). */
export const SAMPLE_IMAGE = { url: "./samples/chelsea.png", name: "Chelsea the cat (sample, CC0)" };

/**
 * Wires every way of giving an image (file picker, drag and drop anywhere on the page, paste, a URL,
 * the bundled sample) to `onImage`; failures to obtain the bytes (a URL that cannot be read) go to
 * `onError`. Decoding is left to the image processor, which reports unsupported images.
 */
export function wireImageSources(params: {
  ui: PageElements;
  onImage: (image: GivenImage) => void;
  onError: (error: unknown) => void;
}): void {
  const { ui, onImage, onError } = params;
  const fromUrl = (url: string, name = url) =>
    fetchImage(url).then((blob) => onImage({ blob, name }), onError);

  ui.imageFileButton.addEventListener("click", () => ui.imageFile.click());
  ui.imageFile.addEventListener("change", () => {
    const file = ui.imageFile.files?.[0];
    if (file) onImage({ blob: file, name: file.name });
    ui.imageFile.value = ""; // picking the same file again still fires "change"
  });

  ui.urlForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = ui.imageUrl.value.trim();
    if (url) void fromUrl(url);
  });
  ui.sampleButton.addEventListener("click", () => void fromUrl(SAMPLE_IMAGE.url, SAMPLE_IMAGE.name));

  let depth = 0; // dragenter/dragleave fire for every child crossed
  const dragging = (on: boolean) => document.body.classList.toggle("dragging", on);
  document.addEventListener("dragenter", (event) => {
    if (!event.dataTransfer?.types.includes("Files") && !event.dataTransfer?.types.includes("text/uri-list"))
      return;
    depth++;
    dragging(true);
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging(false);
  });
  document.addEventListener("dragover", (event) => event.preventDefault());
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    depth = 0;
    dragging(false);
    const file = [...(event.dataTransfer?.files ?? [])][0];
    if (file) return onImage({ blob: file, name: file.name });
    const url = event.dataTransfer
      ?.getData("text/uri-list")
      .split("\n")
      .find((l) => l && !l.startsWith("#"));
    if (url) void fromUrl(url.trim());
  });

  document.addEventListener("paste", (event) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
    if (file) {
      event.preventDefault();
      return onImage({ blob: file, name: file.name || "pasted image" });
    }
    // Pasting text into a field is typing; elsewhere a pasted link is an image URL.
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    const text = event.clipboardData?.getData("text/plain").trim();
    if (text && /^(https?:|data:image\/)/i.test(text)) {
      ui.imageUrl.value = text;
      void fromUrl(text);
    }
  });
}

/** Downloads an image; a network or CORS failure becomes an error that says which. */
async function fetchImage(url: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new ImageDownloadError(
      navigator.onLine
        ? `could not download ${url}: the server is unreachable or does not let other sites read its images (CORS)`
        : `could not download ${url}: you are offline`,
      { cause },
    );
  }
  if (!response.ok) throw new ImageDownloadError(`could not download ${url}: HTTP ${response.status}`);
  return response.blob();
}

/** An image URL could not be read (network, CORS or HTTP status). */
export class ImageDownloadError extends Error {
  override readonly name = "ImageDownloadError";
}
