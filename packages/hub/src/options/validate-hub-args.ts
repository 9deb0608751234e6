import { redactUrl } from "@mobilenetv1/core/net";
import {
  HubRepoIdError,
  HubRevisionError,
  HubSettingError,
  HubTokenError,
} from "../errors/hub-argument-errors.js";

// huggingface_hub's REPO_ID_REGEX, ASCII only: each part starts and ends with a letter, digit or "_".
const REPO_PART = /^[A-Za-z0-9_](?:[\w.-]*[A-Za-z0-9_])?$/;

/**
 * Why `repoId` is not a repo id, by huggingface_hub's `validate_repo_id` rules, or `undefined` when it is.
 *
 * @example
 * repoIdProblem("google/mobilenet_v1_1.0_224") // undefined
 * repoIdProblem("a--b/c")                      // 'contains "--"'
 */
export function repoIdProblem(repoId: string): string | undefined {
  const parts = repoId.split("/");
  if (parts.length > 2) return 'more than one "/"';
  if (parts.some((part) => !REPO_PART.test(part)))
    return 'a character other than letters, digits, "-", "_", ".", or a part starting or ending with "-" or "."';
  if (parts.at(-1)!.length > 96) return "name longer than 96 characters";
  if (repoId.includes("--")) return 'contains "--"';
  if (repoId.includes("..")) return 'contains ".."';
  if (repoId.endsWith(".git")) return 'ends with ".git"';
  return undefined;
}

/** Whether `repoId` is a hub repo id (`name` or `org/name`, huggingface_hub's rules). */
export function isValidRepoId(repoId: string): boolean {
  return repoIdProblem(repoId) === undefined;
}

/**
 * Whether `pathOrId` was meant as a repo id rather than a path: no leading `.`, `/`, `~`, no drive letter,
 * no backslash, at most one `/`. A missing local folder (`./model`, `/abs/model`) is not a repo id.
 */
export function looksLikeRepoId(pathOrId: string): boolean {
  return pathOrId !== "" && !/^[.~/]|^[A-Za-z]:|\\/.test(pathOrId) && pathOrId.split("/").length <= 2;
}

/** Throws {@link HubRepoIdError} naming the rule `repoId` breaks. */
export function assertRepoId(repoId: string): void {
  const reason = repoIdProblem(repoId);
  if (reason) throw new HubRepoIdError({ repoId, reason });
}

/**
 * Throws {@link HubRevisionError} for a revision git refuses in ref names and that would walk out of
 * `refs/` in the cache: empty, `..`, leading or trailing `/`, `//`, a backslash, a control character,
 * a space or one of `~^:?*[`.
 */
export function assertRevision(revision: string): void {
  const reason =
    revision === ""
      ? "empty"
      : revision.includes("..")
        ? 'contains ".."'
        : /^\/|\/$|\/\//.test(revision)
          ? 'a leading, trailing or doubled "/"'
          : /[\\~^:?*[]/.test(revision) || hasControlOrSpace(revision)
            ? "a backslash, space, control character or one of ~^:?*["
            : revision.length > 255
              ? "longer than 255 characters"
              : undefined;
  if (reason) throw new HubRevisionError({ revision, reason });
}

function hasControlOrSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Throws {@link HubTokenError} (which never holds the token) for a token that is not `hf_` + printable
 * ASCII: a newline or a non-ASCII character would otherwise fail deep in `fetch` as a header error.
 */
export function assertToken(params: {
  token: string;
  source: "accessToken" | "HF_TOKEN" | "HUGGING_FACE_HUB_TOKEN";
}): void {
  const { token, source } = params;
  const reason = !/^[\x21-\x7e]*$/.test(token)
    ? "it holds a space, line break, control or non-ASCII character, which HTTP headers cannot carry"
    : !/^hf_./.test(token)
      ? 'it is not "hf_" followed by the token'
      : undefined;
  if (reason) throw new HubTokenError({ source, reason });
}

/**
 * The hub endpoint as an http(s) URL without trailing slashes; throws {@link HubSettingError} (showing
 * the URL without credentials) for anything else.
 */
export function checkHubUrl(params: { hubUrl: string; argument: "hubUrl" | "HF_ENDPOINT" }): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(params.hubUrl);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    (parsed.protocol !== "http:" && parsed.protocol !== "https:") ||
    parsed.search ||
    parsed.hash
  ) {
    throw new HubSettingError({
      argument: params.argument,
      value: redactUrl(params.hubUrl).replace(/\/+$/, ""),
      expected: "an http:// or https:// URL without query or fragment, e.g. https://huggingface.co",
    });
  }
  return params.hubUrl.replace(/\/+$/, "");
}
