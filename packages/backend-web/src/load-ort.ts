/** The onnxruntime-web module namespace. */
export type Ort = typeof import("onnxruntime-web");

let loading: Promise<Ort> | undefined;

/**
 * Imports onnxruntime-web on first use. Dynamic on purpose: bundlers then give it a chunk of its own, and
 * that matters for threads — its pthread workers start by importing the script that holds the runtime
 * (`new Worker(import.meta.url)`); statically bundled into the app's chunk, that would re-run the whole
 * app inside each worker (and fail on `document`). It also keeps the runtime out of the app's startup.
 *
 * @example
 * const ort = await loadOrt();
 * ort.env.versions.web // "1.30.0"
 */
export function loadOrt(): Promise<Ort> {
  loading ??= import("onnxruntime-web").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
