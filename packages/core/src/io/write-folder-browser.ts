/** Browsers have no folders by path: use `model.toFiles()` and store the bytes where the app wants. */
export async function writeFolder(params: { dir: string; files: Record<string, Uint8Array> }): Promise<void> {
  throw new Error(`cannot write ${params.dir} in a browser: use model.toFiles() instead`);
}
