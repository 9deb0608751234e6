import { MobileNetError } from "@mobilenetv1/core";
import { describe, expect, it } from "vitest";
import { MissingPeerDependencyError } from "../errors/image-errors.js";
import { loadSharp } from "./load-sharp.js";

/** What Node's ESM loader throws for a package that is not installed. */
function notFound(): Error {
  return Object.assign(
    new Error(
      "Cannot find package 'sharp' imported from /app/node_modules/@mobilenetv1/image-processor/dist/decode/load-sharp.js",
    ),
    { code: "ERR_MODULE_NOT_FOUND" },
  );
}

async function failure(importSharp: () => Promise<never>): Promise<MissingPeerDependencyError> {
  const error = await loadSharp({ importSharp }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MissingPeerDependencyError);
  return error as MissingPeerDependencyError;
}

describe("loadSharp", () => {
  it("loads the installed sharp (this workspace has it), once", async () => {
    const first = await loadSharp();
    expect(typeof first).toBe("function");
    expect(await loadSharp()).toBe(first);
  });

  it("without sharp: a typed error naming the package and the install command", async () => {
    const error = await failure(() => Promise.reject(notFound()));
    expect(error).toBeInstanceOf(MobileNetError);
    expect(error.code).toBe("DEPENDENCY_MISSING");
    expect(error.packageName).toBe("sharp");
    expect(error.installCommand).toBe("npm install sharp");
    expect(error.reason).toBe("not-installed");
    expect(error.message).toContain('optional peer dependency "sharp", which is not installed');
    expect(error.message).toContain("`npm install sharp`");
  });

  it("sharp present but its native part broken: failed-to-load, with sharp's first line", async () => {
    const broken = new Error(
      'Could not load the "sharp" module using the linux-x64 runtime\nPossible solutions: ...',
    );
    const error = await failure(() => Promise.reject(broken));
    expect(error.reason).toBe("failed-to-load");
    expect(error.message).toContain(
      'did not load (Could not load the "sharp" module using the linux-x64 runtime)',
    );
    expect(error.cause).toBe(broken);
  });

  it("a missing module other than sharp (one of sharp's own imports) is not reported as sharp absent", async () => {
    const inner = Object.assign(new Error("Cannot find package '@img/sharp-linux-x64'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    expect((await failure(() => Promise.reject(inner))).reason).toBe("failed-to-load");
  });
});
