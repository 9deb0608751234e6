import {
  MODEL_FILES,
  ModelFileNotFoundError,
  type ModelFiles,
  type ModelSource,
  registerModelSource,
} from "@mobilenetv1/core";

/** Model ids of folders picked from disk: `local:<folder name>`. No hub repo id contains a colon. */
export const LOCAL_MODEL_PREFIX = "local:";

/** Asked before the hub's source (priority 0), though the two never accept the same id. */
export const LOCAL_FOLDER_SOURCE_PRIORITY = 1000;

const folders = new Map<string, ReadonlyMap<string, File>>();

/**
 * Keeps the files of a folder picked with `<input type="file" webkitdirectory>` under a `local:<name>`
 * id, so `fromPretrained("local:<name>")` reads them through {@link localFolderModelSource}. Only files
 * directly inside the picked folder count (config.json, model.safetensors or pytorch_model.bin,
 * preprocessor_config.json), as for a folder path in Node.
 *
 * @example
 * const id = addLocalModelFolder({ files: input.files }); // "local:keras_mobilenet_v1_0.75_224"
 * await MobileNetV1ForImageClassification.fromPretrained(id);
 */
export function addLocalModelFolder(params: { files: Iterable<File> }): string {
  const byName = new Map<string, File>();
  let folder: string | undefined;
  for (const file of params.files) {
    // webkitRelativePath is "<picked folder>/<name>" for files directly inside it.
    const parts = (file.webkitRelativePath || file.name).split("/");
    folder ??= parts.length > 1 ? parts[0] : "folder";
    if (parts.length <= 2) byName.set(parts.at(-1)!, file);
  }
  if (folder === undefined) {
    throw new ModelFileNotFoundError({
      location: "the picked folder",
      files: [MODEL_FILES.config],
      message: "the picked folder is empty",
    });
  }
  const id = LOCAL_MODEL_PREFIX + folder;
  folders.set(id, byName);
  return id;
}

/**
 * Core's {@link ModelSource} for `local:<name>` ids: reads the File objects of a picked folder. Browsers
 * forget picked folders when the page reloads, so an id from an earlier visit says to pick it again.
 */
export const localFolderModelSource: ModelSource = {
  name: "playground-local-folder",
  async accepts(pathOrId) {
    return pathOrId.startsWith(LOCAL_MODEL_PREFIX);
  },
  async open({ pathOrId, files }): Promise<ModelFiles> {
    const picked = folders.get(pathOrId);
    if (!picked) {
      throw new ModelFileNotFoundError({
        location: pathOrId,
        files,
        message:
          `the folder "${pathOrId.slice(LOCAL_MODEL_PREFIX.length)}" is no longer open: ` +
          "browsers forget picked folders when the page reloads, so pick it again",
      });
    }
    return {
      location: pathOrId,
      async read(name) {
        const file = picked.get(name);
        return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
      },
      async exists(name) {
        return picked.has(name);
      },
    };
  },
};

/** Lets every `fromPretrained` open `local:<name>` ids. */
export function registerLocalFolderSource(): void {
  registerModelSource({ source: localFolderModelSource, priority: LOCAL_FOLDER_SOURCE_PRIORITY });
}
