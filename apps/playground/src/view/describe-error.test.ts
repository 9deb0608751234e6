import {
  BackendError,
  FileTooLargeError,
  ModelFileNotFoundError,
  NetworkTimeoutError,
  NonFiniteWeightsError,
} from "@mobilenetv1/core";
import {
  HubFileTooLargeError,
  HubHttpError,
  HubNetworkError,
  HubRepoIdError,
  HubRepoNotFoundError,
  HubRevisionError,
  HubSettingError,
  HubTokenError,
} from "@mobilenetv1/hub";
import { ImageDecodeError, ImageSourceError } from "@mobilenetv1/image-processor";
import { UnsupportedModelTypeError } from "@mobilenetv1/pipeline";
import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error.js";

const hubUrl = "http://127.0.0.1:1";

describe("describeError", () => {
  it("names the three failures the issue asks for: model not found, offline, unsupported image", () => {
    const notFound = new HubRepoNotFoundError({ repoId: "google/nope", hubUrl, statusCode: 404 });
    expect(describeError({ error: notFound, online: true })).toMatchObject({
      title: "Model not found",
      detail: expect.stringContaining('"google/nope" was not found'),
    });
    const unreachable = new HubNetworkError({ repoId: "google/nope", hubUrl, attempts: 3 });
    expect(describeError({ error: unreachable, online: false }).title).toBe("You are offline");
    expect(describeError({ error: unreachable, online: true }).title).toBe("Cannot reach the hub");
    const image = new ImageDecodeError({
      source: "<File>",
      message: "the browser could not decode this image",
    });
    expect(describeError({ error: image, online: true }).title).toBe("Unsupported image");
  });

  it("covers missing files, other architectures, backends, and errors that are not the SDK's", () => {
    const missing = new ModelFileNotFoundError({ location: "local:x", files: ["config.json"] });
    expect(describeError({ error: missing, online: true }).title).toBe("Model files not found");
    const vit = new UnsupportedModelTypeError({
      modelType: "vit",
      supported: ["mobilenet_v1"],
      location: "x",
    });
    expect(describeError({ error: vit, online: true }).title).toBe("Not a MobileNetV1 model");
    const backend = new BackendError({
      message: "no device",
      failures: [{ backend: "web:webgpu", reason: "no adapter" }],
    });
    expect(describeError({ error: backend, online: true }).detail).toContain("web:webgpu: no adapter");
    expect(describeError({ error: new TypeError("boom"), online: true })).toEqual({
      title: "Something went wrong",
      advice: expect.any(String),
      detail: "boom",
    });
  });

  it("has advice of its own for the hub's argument errors, size caps, timeouts and broken weights", () => {
    const errors = [
      new HubRepoIdError({ repoId: "bad id!!", reason: "x" }),
      new HubRevisionError({ revision: "../x", reason: "x" }),
      new HubTokenError({ source: "accessToken", reason: "x" }),
      new HubSettingError({ argument: "hubUrl", value: "ftp://x", expected: "an http(s) URL" }),
      new HubFileTooLargeError({
        repoId: "a/b",
        file: "model.safetensors",
        size: 9,
        maxBytes: 1,
        setting: "x",
      }),
      new FileTooLargeError({ file: "model.safetensors", size: 9, limit: 1, limitName: "x" }),
      new NetworkTimeoutError({ url: "https://hub/x", phase: "read", timeoutMs: 10 }),
      new NonFiniteWeightsError({ tensors: [{ key: "classifier.weight", nan: 1, infinite: 0 }] }),
    ];
    const titles = errors.map((error) => describeError({ error, online: true }).title);
    expect(titles).toEqual([
      "Not a model id",
      "Not a revision",
      "Not an access token",
      "Check the Hub settings",
      "Model file too large",
      "Model file too large",
      "The download timed out",
      "The model's weights are broken",
    ]);
  });

  it("says the hub returned an error when it answered 5xx or 429 on every attempt, not that it cannot be reached", () => {
    const failing = new HubNetworkError({ repoId: "a/b", hubUrl, attempts: 3, statusCode: 503 });
    for (const online of [true, false]) {
      expect(describeError({ error: failing, online }).title).toBe("The hub returned an error (HTTP 503)");
    }
    const limited = new HubNetworkError({ repoId: "a/b", hubUrl, attempts: 3, statusCode: 429 });
    expect(describeError({ error: limited, online: true }).title).toBe(
      "The hub returned an error (HTTP 429)",
    );
    const refused = new HubHttpError({ repoId: "a/b", statusCode: 400, url: `${hubUrl}/api/models/a/b` });
    expect(describeError({ error: refused, online: true }).title).toBe(
      "The hub returned an error (HTTP 400)",
    );
  });

  it("tells image URLs that are not URLs, answers that are not images, and failed downloads apart", () => {
    const describe = (error: ImageSourceError) => describeError({ error, online: true });
    const relative = new ImageSourceError({ source: "cat.png", reason: "invalid-url", message: "x" });
    expect(describe(relative).title).toBe("Not an image URL");
    const html = new ImageSourceError({
      source: "https://x/",
      reason: "not-an-image",
      contentType: "text/html; charset=utf-8",
      message: "x",
    });
    expect(describe(html)).toMatchObject({
      title: "The URL is not an image",
      advice: expect.stringContaining("text/html; charset=utf-8"),
    });
    const gone = new ImageSourceError({ source: "https://x/a.png", status: 404, message: "HTTP 404" });
    expect(describe(gone).title).toBe("Could not get the image");
    const big = new ImageSourceError({
      source: "https://x/a.png",
      reason: "too-large",
      limit: 1,
      message: "x",
    });
    expect(describe(big).title).toBe("Image too large");
  });

  it("says offline, not missing, when a hub model is only partly cached; a local folder's missing file stays missing", () => {
    const partial = new ModelFileNotFoundError({ location: "shared/x@main", files: ["model.safetensors"] });
    expect(describeError({ error: partial, online: false }).title).toBe("You are offline");
    expect(describeError({ error: partial, online: true }).title).toBe("Model files not found");
    const local = new ModelFileNotFoundError({ location: "local:x", files: ["model.safetensors"] });
    expect(describeError({ error: local, online: false }).title).toBe("Model files not found");
  });
});
