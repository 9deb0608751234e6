import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ModelFiles, ModelSource } from "./model-source.js";

/**
 * Reads an HF-layout folder (config.json, model.safetensors, ...) from the local file system.
 * Browser builds map this file to `local-folder-browser.ts` (package.json `browser` field).
 */
export const localFolderSource: ModelSource = {
  name: "local-folder",
  async accepts(pathOrId) {
    try {
      return (await stat(pathOrId)).isDirectory();
    } catch {
      return false;
    }
  },
  async open({ pathOrId }) {
    const root = resolve(pathOrId);
    const files: ModelFiles = {
      location: root,
      async read(name) {
        try {
          // A view, not a copy: readFile's buffer is ours alone (large files never come from Node's pool).
          const buffer = await readFile(join(root, name));
          return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
          throw error;
        }
      },
      async exists(name) {
        try {
          return (await stat(join(root, name))).isFile();
        } catch {
          return false;
        }
      },
    };
    return files;
  },
};
