// Folder or repo id: what core hands the hub source. A missing folder stays core's "not a folder" error;
// anything else that is not a valid repo id is the hub's HubRepoIdError naming the broken rule (exit 3
// in the CLI, never the "unreadable image" exit 4).
import { ModelFileNotFoundError, openModelFiles } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { HubRepoIdError } from "../src/index.js";
import { useHubTestEnv } from "./hub-test-env.js";

describe("hub model source", () => {
  useHubTestEnv();
  const open = (pathOrId: string) =>
    openModelFiles({ pathOrId, files: ["config.json"], options: { localFilesOnly: true } }).catch(
      (e: unknown) => e,
    );

  it("refuses a mistyped repo id with HubRepoIdError (code HUB_INVALID_REPO_ID) before any request", async () => {
    for (const id of ["bad id!!", "a--b/c", "org/name.git", "-org/name", "org/na..me"]) {
      const error = await open(id);
      expect(error, id).toBeInstanceOf(HubRepoIdError);
      expect(error).toMatchObject({ code: "HUB_INVALID_REPO_ID", value: id });
      expect((error as Error).message).toContain("local folder");
    }
  });

  it("leaves paths that do not exist to core's ModelFileNotFoundError", async () => {
    for (const path of ["./missing-model", "/nonexistent/model", "../x", "a/b/c", "~/models/x"]) {
      const error = await open(path);
      expect(error, path).toBeInstanceOf(ModelFileNotFoundError);
      expect(error).not.toBeInstanceOf(HubRepoIdError);
    }
  });
});
