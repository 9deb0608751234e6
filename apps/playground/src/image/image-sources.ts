import type { PageElements } from "../view/page-elements.js";
import { fetchImageUrl } from "./fetch-image-url.js";

/** An image the user gave, before decoding, and how to name it in the page. */
export interface GivenImage {
  readonly blob: Blob;
  readonly name: string;
}

/** The sample's URL, relative to the page (emitted by vite-plugins/bundled-sample-plugin.ts). */
export const SAMPLE_IMAGE = { url: "./samples/chelsea.png", name: "Chelsea the cat (sample, CC0)" };

/**
 * Wires every way of giving an image (file picker, drag and drop anywhere on the page, paste, a URL,
 * the bundled sample) to `onImage`; failures to obtain the bytes (a relative URL, a download that fails,
 * an answer that is not an image: see fetchImageUrl) go to `onError`, and a newer image wins over a
 * download still running. Decoding is left to the image processor, which reports unsupported images.
 */
export function wireImageSources(params: {
  ui: PageElements;
  onImage: (image: GivenImage) => void;
  onError: (error: unknown) => void;
}): void {
  const { ui, onImage, onError } = params;
  let given = 0; // the latest image given; a download finishing after a newer image is dropped
  const give = (image: GivenImage) => {
    given++;
    onImage(image);
  };
  const fromUrl = (url: string, name = url) => {
    const mine = ++given;
    return fetchImageUrl({ url }).then(
      (blob) => mine === given && onImage({ blob, name }),
      (error: unknown) => mine === given && onError(error),
    );
  };

  ui.imageFileButton.addEventListener("click", () => ui.imageFile.click());
  ui.imageFile.addEventListener("change", () => {
    const file = ui.imageFile.files?.[0];
    if (file) give({ blob: file, name: file.name });
    ui.imageFile.value = ""; // picking the same file again still fires "change"
  });

  ui.urlForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = ui.imageUrl.value.trim();
    if (url) void fromUrl(url);
  });
  ui.sampleButton.addEventListener(
    "click",
    () => void fromUrl(new URL(SAMPLE_IMAGE.url, document.baseURI).href, SAMPLE_IMAGE.name),
  );

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
    if (file) return give({ blob: file, name: file.name });
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
      return give({ blob: file, name: file.name || "pasted image" });
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
