import { ImageSourceError } from "@mobilenetv1/image-processor";
import { describe, expect, it } from "vitest";
import { checkImageUrl, fetchImageUrl, mayBeImage } from "./fetch-image-url.js";

/** A fetch that answers every request with `response` and counts the calls. */
function fakeFetch(response: () => Response) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    calls.push(String(input));
    return response();
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

describe("checkImageUrl", () => {
  it("takes absolute http(s) URLs and data:image URLs", () => {
    expect(checkImageUrl({ url: "https://example.com/cat.jpg" }).href).toBe("https://example.com/cat.jpg");
    expect(checkImageUrl({ url: "http://127.0.0.1:8080/a.png" }).protocol).toBe("http:");
    expect(checkImageUrl({ url: "data:image/png;base64,iVBORw0KGgo=" }).protocol).toBe("data:");
  });

  it("refuses relative URLs and URLs that are not downloads, naming the URL and what was expected", () => {
    for (const url of [
      "cat.jpg",
      "/images/cat.jpg",
      "//example.com/cat.jpg",
      "",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "data:text/html,<p>",
    ]) {
      let error: unknown;
      try {
        checkImageUrl({ url });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ImageSourceError);
      expect((error as ImageSourceError).reason).toBe("invalid-url");
      expect((error as ImageSourceError).message).toMatch(/expected an absolute http:\/\/ or https:\/\/ URL/);
    }
  });
});

describe("mayBeImage", () => {
  it("accepts image/*, no type and octet-stream; refuses pages and API answers", () => {
    expect(mayBeImage("image/png")).toBe(true);
    expect(mayBeImage("IMAGE/JPEG; foo=bar")).toBe(true);
    expect(mayBeImage(null)).toBe(true);
    expect(mayBeImage("application/octet-stream")).toBe(true);
    expect(mayBeImage("text/html; charset=utf-8")).toBe(false);
    expect(mayBeImage("application/json")).toBe(false);
    expect(mayBeImage("text/plain")).toBe(false);
  });
});

describe("fetchImageUrl", () => {
  it("returns the image with its type", async () => {
    const { fetch } = fakeFetch(() => new Response(PNG, { headers: { "Content-Type": "image/png" } }));
    const blob = await fetchImageUrl({ url: "https://example.com/a.png", fetch });
    expect(blob.type).toBe("image/png");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(PNG);
  });

  it("never fetches a relative URL", async () => {
    const { fetch, calls } = fakeFetch(() => new Response(PNG));
    await expect(fetchImageUrl({ url: "cat.png", fetch })).rejects.toMatchObject({ reason: "invalid-url" });
    expect(calls).toEqual([]);
  });

  it("refuses an HTML or JSON answer before reading it, naming the type", async () => {
    for (const type of ["text/html; charset=utf-8", "application/json"]) {
      const { fetch } = fakeFetch(
        () => new Response("<!doctype html>", { headers: { "Content-Type": type } }),
      );
      const failure = fetchImageUrl({ url: "https://example.com/cat", fetch });
      await expect(failure).rejects.toMatchObject({
        code: "IMAGE_SOURCE",
        reason: "not-an-image",
        contentType: type,
      });
      await expect(failure).rejects.toThrow(
        `Content-Type ${JSON.stringify(type)}: expected an image (image/*)`,
      );
    }
  });

  it("reports HTTP errors, oversized bodies, and network failures (with the credentials left out)", async () => {
    const notFound = fakeFetch(
      () => new Response("nope", { status: 404, headers: { "Content-Type": "text/plain" } }),
    );
    await expect(
      fetchImageUrl({ url: "https://u:secret@example.com/a.png?sig=1", fetch: notFound.fetch }),
    ).rejects.toSatisfy(
      (e: ImageSourceError) =>
        e.status === 404 &&
        e.reason === "http-status" &&
        !e.message.includes("secret") &&
        !e.message.includes("sig="),
    );
    const big = fakeFetch(
      () => new Response(new Uint8Array(100), { headers: { "Content-Type": "image/png" } }),
    );
    await expect(
      fetchImageUrl({ url: "https://example.com/a.png", fetch: big.fetch, maxBytes: 10 }),
    ).rejects.toMatchObject({
      reason: "too-large",
      limit: 10,
    });
    const down = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof globalThis.fetch;
    await expect(
      fetchImageUrl({ url: "https://example.com/a.png", fetch: down, online: true }),
    ).rejects.toThrow(/CORS/);
    await expect(
      fetchImageUrl({ url: "https://example.com/a.png", fetch: down, online: false }),
    ).rejects.toThrow(/offline/);
  });
});
