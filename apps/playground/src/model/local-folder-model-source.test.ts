import { ModelFileNotFoundError, openModelFiles } from "@mobilenetv1/core";
import { beforeAll, describe, expect, it } from "vitest";
import { addLocalModelFolder, registerLocalFolderSource } from "./local-folder-model-source.js";

/** A File as <input webkitdirectory> gives it: `webkitRelativePath` is "<picked folder>/<path>". */
function pickedFile(path: string, text: string): File {
  const file = new File([text], path.split("/").at(-1)!);
  Object.defineProperty(file, "webkitRelativePath", { value: path });
  return file;
}

describe("local folder model source", () => {
  beforeAll(() => registerLocalFolderSource());

  it("serves the picked folder's top-level files under local:<folder> through core's openModelFiles", async () => {
    const id = addLocalModelFolder({
      files: [
        pickedFile("my-model/config.json", '{"model_type":"mobilenet_v1"}'),
        pickedFile("my-model/model.safetensors", "weights"),
        pickedFile("my-model/old/config.json", "ignored: not at the top level"),
      ],
    });
    expect(id).toBe("local:my-model");
    const files = await openModelFiles({ pathOrId: id, files: ["config.json", "model.safetensors"] });
    expect(files.location).toBe("local:my-model");
    expect(new TextDecoder().decode(await files.read("config.json"))).toBe('{"model_type":"mobilenet_v1"}');
    expect(await files.exists("model.safetensors")).toBe(true);
    expect(await files.exists("pytorch_model.bin")).toBe(false);
    expect(await files.read("pytorch_model.bin")).toBeUndefined();
  });

  it("says to pick the folder again when the id is from an earlier page load", async () => {
    const open = openModelFiles({ pathOrId: "local:gone", files: ["config.json"] });
    await expect(open).rejects.toThrow(ModelFileNotFoundError);
    await expect(open).rejects.toThrow(/pick it again/);
    expect(() => addLocalModelFolder({ files: [] })).toThrow(/empty/);
  });
});
