#!/usr/bin/env node
import { Command } from "commander";
import { configureConvertCommand } from "./convert-command.js";

// `mobilenet-convert <input> --out <dir>`: the convert command as a program of its own.
try {
  await configureConvertCommand(new Command("mobilenet-convert")).parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`mobilenet-convert: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
