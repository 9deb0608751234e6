import type { ModelSource } from "./model-source.js";

/** Browsers have no local folders by path; a folder picked by the user is opened with `filesFromList`. */
export const localFolderSource: ModelSource = {
  name: "local-folder",
  async accepts() {
    return false;
  },
  async open({ pathOrId }) {
    throw new Error(`cannot open local folder ${pathOrId} in a browser`);
  },
};
