import type { Backend } from "@mobilenetv1/core";
import { UsageError } from "./exit-codes.js";

/** Backends the CLI can pick by name; each is imported only when chosen. */
export const CLI_BACKENDS = ["node", "web"] as const;

/** Imports the chosen backend package and returns its default instance. */
export async function loadBackend(name: string): Promise<Backend> {
  switch (name) {
    case "node":
      return (await import("@mobilenetv1/backend-node")).nodeBackend;
    case "web":
      return (await import("@mobilenetv1/backend-web")).webBackend;
    default:
      throw new UsageError({
        option: "--backend",
        message: `${JSON.stringify(name)} is not one of ${CLI_BACKENDS.join(", ")}`,
      });
  }
}
