import { redactUrlsIn } from "../net/redact-url.js";
import type { LoadingInfo } from "./check-state-dict.js";

/**
 * Something a load did that the caller should know, as HF's `logger.warning` reports it:
 * - `"newly-initialized"`: expected weights the checkpoint lacks were randomly initialized (e.g. a
 *   classifier head loaded from a base-model checkpoint): predictions are random until it is trained;
 * - `"unexpected-keys"`: checkpoint tensors the model does not use.
 */
export interface LoadWarning {
  readonly kind: "newly-initialized" | "unexpected-keys";
  /** The state-dict keys concerned, in checkpoint order. */
  readonly keys: readonly string[];
  /** The class that loaded, e.g. `"MobileNetV1ForImageClassification"`. */
  readonly className: string;
  /** Where the checkpoint came from (a folder or `repo@revision`; URLs redacted). */
  readonly location: string;
  /** One line, ready to print. */
  readonly message: string;
}

/** `onWarning`'s default: one `console.warn` line per warning, as HF's `logger.warning`. */
export function defaultOnWarning(warning: LoadWarning): void {
  console.warn(warning.message);
}

/**
 * The warnings `info` calls for (none for a complete checkpoint), each with a one-line message naming
 * the keys.
 *
 * @example
 * loadWarnings({ info, className: "MobileNetV1ForImageClassification", location: "./base-only" })
 * // [{ kind: "newly-initialized", keys: ["classifier.weight", "classifier.bias"], message: "Some weights of …" }]
 */
export function loadWarnings(params: {
  info: LoadingInfo;
  className: string;
  location: string;
}): LoadWarning[] {
  const { info, className } = params;
  const location = redactUrlsIn(params.location);
  const out: LoadWarning[] = [];
  if (info.missingKeys.length > 0) {
    const keys = info.missingKeys;
    const message =
      `Some weights of ${className} were not initialized from the checkpoint at ${location} and are newly ` +
      `initialized: ${keys.join(", ")}. Its predictions are random until they are trained.`;
    out.push({ kind: "newly-initialized", keys, className, location, message });
  }
  if (info.unexpectedKeys.length > 0) {
    const keys = info.unexpectedKeys;
    const message = `Some weights of the checkpoint at ${location} were not used by ${className}: ${keys.join(", ")}.`;
    out.push({ kind: "unexpected-keys", keys, className, location, message });
  }
  return out;
}
