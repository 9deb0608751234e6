declare module "virtual:ort-runtime-files" {
  /** Per device: its onnxruntime-web .wasm file name, URL in the built app and size in bytes. */
  export const RUNTIME_FILES: Readonly<
    Record<"wasm" | "webgpu", { file: string; url: string; bytes: number }>
  >;
}
