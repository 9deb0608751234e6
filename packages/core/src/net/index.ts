/**
 * `@mobilenetv1/core/net`: the network primitives every package shares — `fetch` with a connect timeout
 * and an idle-read timeout, body reads capped before the bytes arrive, and URL redaction for messages.
 */
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  fetchWithTimeouts,
  readBodyCapped,
} from "./fetch-with-timeouts.js";
export { redactUrl, redactUrlsIn } from "./redact-url.js";
