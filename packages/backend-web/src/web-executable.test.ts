import { conformanceConfig, conformanceInput, conformanceStateDict } from "@mobilenetv1/core/conformance";
import { buildGraph, PIXEL_VALUES } from "@mobilenetv1/core/graph";
import { expect, it } from "vitest";
import { createWebBackend } from "./web-backend.js";
import { WebExecutable } from "./web-executable.js";

// Raw onnxruntime-web 1.30 sessions run concurrently in one realm fail ("failed to call OrtRun().
// ERROR_CODE: 0") because interleaved runs share the wasm stack; measured 20 of 120 here. Through the
// queue every one must succeed with the sequential numbers.
it("interleaved runs of two executables on one runtime all succeed with their sequential results", async () => {
  await createWebBackend({ device: "wasm" }).init();
  const config = conformanceConfig({ tfPadding: true });
  const stateDict = conformanceStateDict(config);
  const weights = (k: string) => stateDict.get(k)!.data as Float32Array;
  const [logitsOnly, withHidden] = await Promise.all([
    WebExecutable.create({ graph: buildGraph({ config, weights, outputs: ["logits"] }), device: "wasm" }),
    WebExecutable.create({
      graph: buildGraph({ config, weights, outputs: ["logits", "hidden_states"] }),
      device: "wasm",
    }),
  ]);
  const inputs = (
    [
      [1, 3, 32, 32],
      [2, 3, 33, 47],
      [1, 3, 65, 64],
    ] as const
  ).map((d) => conformanceInput([...d]));
  const sequential: number[][] = [];
  for (const input of inputs)
    sequential.push(
      Array.from((await logitsOnly.run({ [PIXEL_VALUES]: input }))["logits"]!.data as Float32Array),
    );
  for (let round = 0; round < 10; round++) {
    const runs = await Promise.all(
      inputs.flatMap((input) => [
        logitsOnly.run({ [PIXEL_VALUES]: input }),
        withHidden.run({ [PIXEL_VALUES]: input }),
      ]),
    );
    for (const [i, r] of runs.entries()) {
      expect(Array.from(r["logits"]!.data as Float32Array)).toEqual(sequential[Math.floor(i / 2)]);
    }
  }
  // dispose queued behind a run: the run finishes on the live session, later runs reject.
  const last = logitsOnly.run({ [PIXEL_VALUES]: inputs[0]! });
  await logitsOnly.dispose();
  expect(Array.from((await last)["logits"]!.data as Float32Array)).toEqual(sequential[0]);
  await expect(logitsOnly.run({ [PIXEL_VALUES]: inputs[0]! })).rejects.toThrow(/disposed/);
  await withHidden.dispose();
});
