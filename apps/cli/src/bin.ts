#!/usr/bin/env node
import { EXIT } from "./exit-codes.js";
import { runCli } from "./program.js";

const code = await runCli({ argv: process.argv.slice(2) });
// The reader of stdout is gone: exit now rather than wait for work still queued (prefetched images).
if (code === EXIT.PIPE_CLOSED) process.exit(code);
process.exitCode = code;
