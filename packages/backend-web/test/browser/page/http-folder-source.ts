import type { ModelFiles, ModelSource } from "@mobilenetv1/core";

/**
 * A model source for checkpoint folders served over HTTP by the page's own origin (paths starting with
 * `/`), so `fromPretrained("/fixtures/model")` reads `/fixtures/model/config.json` and friends.
 *
 * @example
 * registerModelSource({ source: httpFolderSource });
 * await MobileNetV1ForImageClassification.fromPretrained("/fixtures/model", { backend });
 */
export const httpFolderSource: ModelSource = {
  name: "http-folder",
  async accepts(pathOrId) {
    return pathOrId.startsWith("/");
  },
  async open({ pathOrId }): Promise<ModelFiles> {
    const url = (name: string) => `${pathOrId.replace(/\/$/, "")}/${name}`;
    return {
      location: pathOrId,
      async read(name) {
        const response = await fetch(url(name));
        return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
      },
      async exists(name) {
        return (await fetch(url(name), { method: "HEAD" })).ok;
      },
    };
  },
};
