import { ModelFileNotFoundError } from "../errors/errors.js";
import type { ModelSource } from "./model-source.js";

/**
 * Browsers have no local folders by path, so this source accepts nothing; a folder the user picks is
 * read through a model source of the app's own (the playground registers one for `local:<name>` ids).
 * Asked to open a path anyway (`openModelFiles({ source })`), it says so with the same typed error as a
 * missing folder in Node, naming the path and the files that were wanted.
 */
export const localFolderSource: ModelSource = {
  name: "local-folder",
  async accepts() {
    return false;
  },
  async open({ pathOrId, files }) {
    throw new ModelFileNotFoundError({
      location: pathOrId,
      files,
      message:
        `cannot open the local folder ${JSON.stringify(pathOrId)} in a browser: browsers read no folders by ` +
        "path; expected a repo id (with @mobilenetv1/hub imported) or a folder the user picked, through a model source",
    });
  },
};
