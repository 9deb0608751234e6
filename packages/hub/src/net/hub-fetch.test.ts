import { NetworkTimeoutError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { createHubFetch, FetchExhaustedError } from "./hub-fetch.js";

const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : "{}", { status, headers });

describe("createHubFetch", () => {
  it("retries connection errors and 5xx/429, then answers", async () => {
    const script: (() => Response)[] = [
      () => {
        throw new TypeError("fetch failed");
      },
      () => answer(503),
      () => answer(200),
    ];
    const calls: number[] = [];
    const hub = createHubFetch({
      fetch: async () => {
        calls.push(Date.now());
        return script.shift()!();
      },
      attempts: 3,
      retryDelayMs: 1,
    });
    expect((await hub.fetch("http://x/a")).status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(hub.lastFailure()).toBeUndefined();
  });

  it("reports the last status after the attempts, and does not retry 4xx", async () => {
    const hub = createHubFetch({ fetch: async () => answer(500), attempts: 2, retryDelayMs: 1 });
    const error = await hub.fetch("http://x/a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchExhaustedError);
    expect((error as FetchExhaustedError).failure).toMatchObject({ attempts: 2, statusCode: 500 });
    let n = 0;
    const once = createHubFetch({
      fetch: async () => {
        n++;
        return answer(404, { "X-Error-Code": "RevisionNotFound" });
      },
      attempts: 3,
      retryDelayMs: 1,
    });
    expect((await once.fetch("http://x/b")).status).toBe(404);
    expect(n).toBe(1);
  });

  it("remembers X-Error-Code by URL (HubApiError keeps only the URL)", async () => {
    const hub = createHubFetch({
      fetch: async (input) => {
        const r = answer(404, { "X-Error-Code": "RepoNotFound" });
        Object.defineProperty(r, "url", { value: String(input) });
        return r;
      },
      attempts: 1,
      retryDelayMs: 1,
    });
    await hub.fetch("http://x/api/models/a/b/revision/main");
    expect(hub.errorCode("http://x/api/models/a/b/revision/main")).toBe("RepoNotFound");
    expect(hub.errorCode("http://x/other")).toBeUndefined();
  });

  it("retries a connect timeout like a connection error, and reports it with the redacted URL", async () => {
    let calls = 0;
    const hub = createHubFetch({
      // Never answers; gives up only when fetchWithTimeouts aborts it.
      fetch: (_input, init) => {
        calls++;
        return new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        );
      },
      attempts: 2,
      retryDelayMs: 1,
      connectTimeoutMs: 30,
    });
    const error = await hub.fetch("http://u:secret@x.test/api?token=abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchExhaustedError);
    expect(calls).toBe(2);
    const failure = (error as FetchExhaustedError).failure;
    expect(failure).toMatchObject({ attempts: 2, statusCode: undefined, url: "http://x.test/api" });
    expect(failure.timeout).toBeInstanceOf(NetworkTimeoutError);
    expect(failure.timeout).toMatchObject({ phase: "connect", timeoutMs: 30, url: "http://x.test/api" });
  });
});
