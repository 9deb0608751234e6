import { describe, expect, it } from "vitest";
import { ModelFileNotFoundError } from "../errors/errors.js";
import { registerModelSource } from "./model-source.js";
import { openModelFiles } from "./open-model.js";

async function failure(pathOrId: string): Promise<ModelFileNotFoundError> {
  const error = await openModelFiles({ pathOrId, files: ["config.json"] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ModelFileNotFoundError);
  return error as ModelFileNotFoundError;
}

// One file, one process (vitest's forks pool): the registration below is seen only by the tests after it.
describe("openModelFiles when nothing accepts the name", () => {
  it("without a repo-id source, says to import the hub for an id-like name", async () => {
    expect((await failure("google/mobilenet_v1_1.0_224")).message).toContain('import "@mobilenetv1/hub"');
    expect((await failure("./no/such/folder")).message).toContain("no such folder");
  });

  it("with a repo-id source registered that declines, says the folder does not exist", async () => {
    registerModelSource({
      source: {
        name: "declines-everything",
        accepts: async () => false,
        open: async () => {
          throw new Error("never opened");
        },
      },
    });
    const error = await failure("missing-folder");
    expect(error.message).toContain("no such folder");
    expect(error.message).not.toContain("import");
    expect(error.location).toBe("missing-folder");
  });
});
