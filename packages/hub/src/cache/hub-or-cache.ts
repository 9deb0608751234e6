import { HubAccessError, HubNetworkError } from "../errors/hub-errors.js";

/**
 * Asks the hub, and when it cannot be reached or refuses access (HubNetworkError, HubAccessError), uses
 * what the cache holds instead, as huggingface_hub does. With nothing cached, the hub's error is thrown,
 * a HubNetworkError then naming the cache it looked in.
 *
 * @example
 * const got = await hubOrCache({ ask: () => resolveCommit({ hub }), cached: () => cachedCommit({ cache, revision }), cacheLocation: cache.location });
 * "cached" in got // true when the hub was down and the cache knew the revision
 */
export async function hubOrCache<H, C>(params: {
  ask: () => Promise<H>;
  cached: () => Promise<C | undefined>;
  cacheLocation: string;
}): Promise<{ answer: H } | { cached: C }> {
  try {
    return { answer: await params.ask() };
  } catch (error) {
    if (!(error instanceof HubNetworkError || error instanceof HubAccessError)) throw error;
    const cached = await params.cached();
    if (cached !== undefined) return { cached };
    if (error instanceof HubNetworkError) {
      const { repoId, hubUrl, attempts, statusCode, url, timeout } = error;
      throw new HubNetworkError({
        repoId,
        hubUrl,
        attempts,
        statusCode,
        url,
        timeout,
        cacheDir: params.cacheLocation,
        cause: error.cause,
      });
    }
    throw error;
  }
}
