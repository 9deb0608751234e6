import { ModelFileNotFoundError } from "../errors/errors.js";
import { localFolderSource } from "./local-folder-node.js";
import {
  listModelSources,
  type ModelFiles,
  type ModelSource,
  type SourceOptions,
  type WeightsChoice,
} from "./model-source.js";

/**
 * Opens `pathOrId` through the first source that accepts it: a local folder first, then registered
 * sources (the hub package registers one for repo ids), or `source` when given.
 *
 * @example
 * const files = await openModelFiles({ pathOrId: "../shared/hf/keras_mobilenet_v1_0.75_224", files: ["config.json"] });
 * (await files.read("config.json"))?.length // 69508
 */
export async function openModelFiles(params: {
  pathOrId: string;
  /** Files the caller is going to read. */
  files: readonly string[];
  /** The source's options, and which weights file the caller reads. @default {} */
  options?: SourceOptions & WeightsChoice;
  /** Use this source instead of looking one up. */
  source?: ModelSource;
}): Promise<ModelFiles> {
  const options = params.options ?? {};
  if (params.source) return params.source.open({ pathOrId: params.pathOrId, files: params.files, options });
  for (const source of [localFolderSource, ...listModelSources()]) {
    if (await source.accepts(params.pathOrId)) {
      return source.open({ pathOrId: params.pathOrId, files: params.files, options });
    }
  }
  const looksLikeRepoId = /^[\w.-]+(\/[\w.-]+)?$/.test(params.pathOrId);
  // With a repo-id source registered (the hub), a name it declined is a path that does not exist; only
  // without one is "import the hub" the fix.
  const noIdSource = listModelSources().length === 0;
  throw new ModelFileNotFoundError({
    location: params.pathOrId,
    files: params.files,
    message:
      looksLikeRepoId && noIdSource
        ? `${JSON.stringify(params.pathOrId)} is not a local folder, and no model source accepts repo ids: ` +
          `import "@mobilenetv1/hub" to download from the Hugging Face Hub, or pass a folder with config.json`
        : `${JSON.stringify(params.pathOrId)} is not a folder with model files (no such folder)`,
  });
}
