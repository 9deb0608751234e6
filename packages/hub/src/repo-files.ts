import { MODEL_FILES, type ModelFiles } from "@mobilenetv1/core";

/** A repo opened at one commit: core's {@link ModelFiles} plus where it lives. */
export interface RepoFiles extends ModelFiles {
  readonly repoId: string;
  /** The revision asked for (branch, tag, commit, `refs/pr/N`). */
  readonly revision: string;
  /** The commit it resolved to (from the hub, or from the cache's `refs/` when offline). */
  readonly commit: string;
  /** Node: the snapshot folder `.../snapshots/<commit>`; browsers: the Cache Storage key prefix. */
  readonly snapshot: string;
}

/**
 * Whether `name` may be used under `useSafetensors` (`true`: never pytorch_model.bin; `false`: never
 * model.safetensors), so a source never offers the weights format the caller ruled out.
 */
export function allowedByWeightsChoice(params: {
  name: string;
  useSafetensors: boolean | undefined;
}): boolean {
  if (params.useSafetensors === true) return params.name !== MODEL_FILES.torchBin;
  if (params.useSafetensors === false) return params.name !== MODEL_FILES.safetensors;
  return true;
}

/** The message that helps when model.safetensors is required but the revision has only pytorch_model.bin. */
export const SAFETENSORS_HINT =
  "useSafetensors: true requires it. Leave useSafetensors unset to fall back to pytorch_model.bin, or pass the " +
  'revision that adds it (e.g. revision: "refs/pr/1": the google/ MobileNetV1 repos have model.safetensors only ' +
  "in conversion pull requests)";
