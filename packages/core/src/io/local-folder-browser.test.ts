import { describe, expect, it } from "vitest";
import { ModelFileNotFoundError } from "../errors/errors.js";
import { localFolderSource } from "./local-folder-browser.js";

describe("the browser's local-folder source", () => {
  it("accepts no path: browsers have no folders by path", async () => {
    expect(await localFolderSource.accepts("./some/folder")).toBe(false);
  });

  it("asked to open a path anyway, throws ModelFileNotFoundError naming the path and the files", async () => {
    const error = await localFolderSource
      .open({ pathOrId: "./my-model", files: ["config.json"], options: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileNotFoundError);
    const e = error as ModelFileNotFoundError;
    expect([e.code, e.location, e.files]).toEqual(["MODEL_FILE_NOT_FOUND", "./my-model", ["config.json"]]);
    expect(e.message).toContain('"./my-model"');
  });
});
