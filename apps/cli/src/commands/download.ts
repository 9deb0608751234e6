import { download } from "@mobilenetv1/hub";
import cliProgress from "cli-progress";
import { writeStdout } from "../closed-output.js";
import { nonEmptyOption } from "../option-values.js";

/** Options of `mobilenet download`. */
export interface DownloadOptions {
  revision?: string;
  cacheDir?: string;
  progress?: boolean;
}

/**
 * Downloads a repo into the cache (huggingface_hub's layout) with a progress bar on stderr, then prints
 * the snapshot folder on stdout, so `$(mobilenet download org/name)` gives a path `--model` accepts.
 */
export async function downloadCommand(params: {
  repoId: string;
  options: DownloadOptions;
  write?: (s: string) => void;
}): Promise<string> {
  const write = params.write ?? writeStdout;
  nonEmptyOption({ text: params.repoId, option: "<id>" });
  nonEmptyOption({ text: params.options.revision, option: "--revision" });
  nonEmptyOption({ text: params.options.cacheDir, option: "--cache-dir" });
  const showBar = params.options.progress !== false && process.stderr.isTTY;
  const bars = showBar
    ? new cliProgress.MultiBar(
        {
          format: " {file} |{bar}| {percentage}% {value}/{total} bytes",
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const perFile = new Map<string, cliProgress.SingleBar>();
  try {
    const folder = await download({
      repoId: params.repoId,
      ...(params.options.revision !== undefined ? { revision: params.options.revision } : {}),
      ...(params.options.cacheDir !== undefined ? { cacheDir: params.options.cacheDir } : {}),
      progress: ({ file, loaded, total }) => {
        if (!bars) return;
        let bar = perFile.get(file);
        if (!bar) {
          bar = bars.create(total ?? 0, 0, { file: file.padEnd(26) });
          perFile.set(file, bar);
        }
        if (total !== undefined) bar.setTotal(total);
        bar.update(loaded);
      },
    });
    bars?.stop();
    write(`${folder}\n`);
    return folder;
  } finally {
    bars?.stop();
  }
}
