// The hub owns its options and adds them to core's SourceOptions by declaration merging: options typed
// with core's types (as fromPretrained's are) carry revision, cacheDir, localFilesOnly... to the hub.
import { type FromPretrainedOptions, openModelFiles, type SourceOptions } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { useHubTestEnv } from "../../test/hub-test-env.js";
import { HubOfflineError } from "../errors/hub-errors.js";
import "../index.js";

describe("HubSourceOptions in core's SourceOptions", () => {
  const env = useHubTestEnv();

  it("type-checks the hub's options in core's option types, and passes them through to the hub", async () => {
    const options: FromPretrainedOptions = {
      revision: "v2",
      cacheDir: env.cacheDir,
      localFilesOnly: true,
      accessToken: "hf_AbC123xyz",
      connectTimeoutMs: 1000,
      useSafetensors: true,
    };
    const error = await openModelFiles({ pathOrId: "org/name", files: ["config.json"], options }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubOfflineError);
    expect(error).toMatchObject({ revision: "v2", cacheDir: env.cacheDir, reason: "localFilesOnly" });
    // @ts-expect-error: an option nobody declares is refused, so SourceOptions is no bag of anything.
    const typo: SourceOptions = { revison: "v2" };
    expect(typo).toEqual({ revison: "v2" });
  });
});
