import { describe, expect, it } from "vitest";
import { HubUnsafePathError } from "../errors/hub-errors.js";
import { assertSafeRepoPath } from "./assert-safe-repo-path.js";

// Cases of huggingface_hub's _validate_relative_filename tests (huggingface_hub#4540).
describe("assertSafeRepoPath", () => {
  it("accepts repo-relative names, including nested ones and dots inside names", () => {
    for (const path of [
      "config.json",
      "onnx/model.onnx",
      "a/b/c.bin",
      "..hidden",
      "x..y",
      ".gitattributes",
    ]) {
      expect(() => assertSafeRepoPath({ repoId: "o/n", path })).not.toThrow();
    }
  });

  it("refuses parent segments, absolute, drive, UNC and empty paths", () => {
    for (const path of [
      "../../x",
      "a/../../x",
      "..",
      "/etc/passwd",
      "a\\..\\..\\x",
      "C:\\Windows",
      "D:foo",
      "\\\\host\\share",
      "a/C:x",
      "",
    ]) {
      expect(() => assertSafeRepoPath({ repoId: "o/n", path }), path).toThrow(HubUnsafePathError);
    }
  });
});
