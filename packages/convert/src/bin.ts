#!/usr/bin/env node
import { MobileNetError } from "@mobilenetv1/core";
import { Command, CommanderError } from "commander";
import { configureConvertCommand } from "./convert-command.js";

// `mobilenet-convert <input> --out <dir>`: the convert command as a program of its own, with the exit
// codes of `mobilenet convert`: 2 bad command line or unwritable --out, 3 an input that cannot be
// converted, 1 unexpected, 141 stdout closed by its reader.
const USAGE_CODES = new Set(["USAGE", "OUTPUT_UNWRITABLE"]);
let stdoutClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stdoutClosed = true;
});
try {
  await configureConvertCommand(new Command("mobilenet-convert").exitOverride()).parseAsync(process.argv);
  await new Promise((resolve) => setImmediate(resolve)); // a failed last write reports its EPIPE first
  process.exitCode = stdoutClosed ? 141 : 0;
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof MobileNetError) {
    process.stderr.write(`mobilenet-convert: error [${error.code}]: ${error.message}\n`);
    process.exitCode = USAGE_CODES.has(error.code) ? 2 : 3;
  } else {
    process.stderr.write(
      `mobilenet-convert: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
