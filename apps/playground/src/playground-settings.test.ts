import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsFromUrl, urlWithSettings } from "./playground-settings.js";

describe("playground settings in the URL", () => {
  it("defaults to google/mobilenet_v1_1.0_224 on huggingface.co, device auto, revision main", () => {
    expect(settingsFromUrl(new URL("https://play.example/"))).toEqual({
      modelId: "google/mobilenet_v1_1.0_224",
      device: "auto",
      hubUrl: "https://huggingface.co",
      revision: "main",
    });
  });

  it("reads ?hub=&model=&device= (as the e2e test links) and writes back only what differs", () => {
    const page = new URL(
      "http://127.0.0.1:4173/?hub=http://127.0.0.1:9/&model=shared/keras_mobilenet_v1_0.75_224&device=wasm",
    );
    const settings = settingsFromUrl(page);
    expect(settings).toEqual({
      modelId: "shared/keras_mobilenet_v1_0.75_224",
      device: "wasm",
      hubUrl: "http://127.0.0.1:9",
      revision: "main",
    });
    expect(settingsFromUrl(urlWithSettings(new URL("http://x/"), settings))).toEqual(settings);
    expect(urlWithSettings(new URL("http://x/?model=a/b"), DEFAULT_SETTINGS).search).toBe("");
    expect(settingsFromUrl(new URL("http://x/?device=tpu")).device).toBe("auto");
  });

  it("never puts a local folder in a link", () => {
    const url = urlWithSettings(new URL("http://x/"), { ...DEFAULT_SETTINGS, modelId: "local:my-model" });
    expect(url.searchParams.has("model")).toBe(false);
  });
});
