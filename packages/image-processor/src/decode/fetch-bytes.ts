import { ImageSourceError } from "../errors/image-errors.js";

/**
 * Downloads `url` (http, https, data, blob) into memory with `fetchImpl`.
 *
 * @example
 * await fetchBytes({ url: "data:image/png;base64,iVBORw0KGgo=" }) // Uint8Array(8) [137, 80, 78, 71, ...]
 */
export async function fetchBytes(params: { url: string; fetch?: typeof fetch }): Promise<Uint8Array> {
  const fetchImpl = params.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(params.url);
  } catch (cause) {
    throw new ImageSourceError({
      source: params.url,
      message: `download failed: ${(cause as Error).message ?? cause}`,
      cause,
    });
  }
  if (!response.ok) {
    throw new ImageSourceError({
      source: params.url,
      message: `download failed: HTTP ${response.status}`,
      status: response.status,
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}
