import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every export of core's entry points is semver surface (docs/architecture.md, "core's public API"). These
// lists pin them: adding, renaming or removing an export fails here until the list changes with it, so a
// change of the public API is a deliberate edit, seen in review.
const PUBLIC_API: Record<string, readonly string[]> = {
  ".": [
    "Backend",
    "BackendError",
    "BackendHint",
    "CONFIG_MAX_DEPTH_MULTIPLIER",
    "CONFIG_MAX_IMAGE_SIZE",
    "CONFIG_MAX_LAYER_NORM_EPS",
    "CONFIG_MAX_MIN_DEPTH",
    "CONFIG_MAX_NUM_CHANNELS",
    "CONFIG_MAX_NUM_LABELS",
    "CheckpointNameError",
    "ConfigError",
    "DataType",
    "Executable",
    "ExternalWeight",
    "FeatureLayer",
    "FileFormatError",
    "FileTooLargeError",
    "FromConfigOptions",
    "FromPretrainedOptions",
    "FromStateDictOptions",
    "GraphDescription",
    "IMAGENET_1K_LABELS",
    "ImageClassifierOutput",
    "InputError",
    "Labels",
    "LoadWarning",
    "LoadingInfo",
    "MOBILENET_V1_CONFIG_DEFAULTS",
    "MODEL_DTYPES",
    "MODEL_FILES",
    "MobileNetError",
    "MobileNetErrorCode",
    "MobileNetV1Config",
    "MobileNetV1ConfigParams",
    "MobileNetV1ForImageClassification",
    "MobileNetV1Model",
    "MobileNetV1ModelOutput",
    "MobileNetV1Options",
    "MobileNetV1PreTrainedModel",
    "ModelDtype",
    "ModelFileNotFoundError",
    "ModelFiles",
    "ModelSource",
    "NetworkTimeoutError",
    "NonFiniteInputError",
    "NonFiniteOutputError",
    "NonFiniteWeightsError",
    "NotARegularFileError",
    "PixelValues",
    "Prediction",
    "ProblemType",
    "QuantizeOptions",
    "RuntimeTensorConstructor",
    "RuntimeTensorLike",
    "SourceOptions",
    "SupportedHiddenAct",
    "Tensor",
    "UnsafePickleError",
    "WeightsChoice",
    "WeightsMismatchError",
    "configFromCheckpointName",
    "fromRuntimeOutputs",
    "listBackends",
    "openModelFiles",
    "registerBackend",
    "registerModelSource",
    "resolveBackend",
    "toRuntimeFeeds",
    "topK",
  ],
  "./graph": [
    "END_POINT_NAMES",
    "GraphConfig",
    "GraphOutput",
    "MOBILENET_V1_OPTIONS_DEFAULTS",
    "NUM_HIDDEN_STATES",
    "ONNX_OPSET",
    "OUTPUT_STRIDES",
    "OnnxGraphWriter",
    "OutputStride",
    "PIXEL_VALUES",
    "POOLING_HEADS",
    "ParameterSpec",
    "PoolingHead",
    "ResolvedFeatureLayer",
    "buildGraph",
    "exportOnnx",
    "modelStats",
    "parameterPlan",
    "resolveFeatureLayers",
    "resolveGraphOptions",
  ],
  "./weights": [
    "BatchesTracked",
    "SAFETENSORS_MAX_HEADER_DEPTH",
    "StateDict",
    "TORCH_BIN_MAX_PICKLE_BYTES",
    "TORCH_BIN_MAX_UNPACKED_BYTES",
    "checkStateDict",
    "hfStateDict",
    "randomInitWeights",
    "readSafetensors",
    "readTorchBin",
    "writeSafetensors",
  ],
  "./quantize": [
    "ACTIVATION_DTYPES",
    "ActivationDtype",
    "ActivationRanges",
    "CALIBRATION_BATCH_SIZE",
    "CALIBRATION_METHODS",
    "CalibrationInfo",
    "CalibrationMethod",
    "CalibrationSource",
    "DEFAULT_ACTIVATION_DTYPE",
    "DEFAULT_CALIBRATION_METHOD",
    "DEFAULT_CALIBRATION_PERCENTILE",
    "DEFAULT_FLOAT_LAYERS",
    "INT8_ACTIVATIONS",
    "INT8_GRAPH_FORMATS",
    "INT8_QUANT_METHOD",
    "Int8Classifier",
    "Int8ConvLayer",
    "Int8GraphFormat",
    "Int8Params",
    "QUANTIZATION_CONFIG_KEY",
    "QuantParams",
    "buildInt8Graph",
    "calibrateActivations",
    "dequantizedWeights",
    "int8ParamsFromStateDict",
    "int8QuantizationConfig",
    "int8StateDict",
    "quantizeWeights",
  ],
  "./net": [
    "DEFAULT_CONNECT_TIMEOUT_MS",
    "DEFAULT_READ_TIMEOUT_MS",
    "fetchWithTimeouts",
    "readBodyCapped",
    "redactUrl",
    "redactUrlsIn",
  ],
  "./io": [
    "JSON_MAX_DEPTH",
    "MAX_JSON_FILE_BYTES",
    "MAX_JSON_FILE_BYTES_ENV",
    "MAX_MODEL_FILE_BYTES",
    "MAX_MODEL_FILE_BYTES_ENV",
    "fileByteLimit",
    "localFolderSource",
    "parseJsonText",
    "writeFolder",
  ],
  "./conformance": [
    "CONFORMANCE_CASES",
    "ConformanceCase",
    "conformanceConfig",
    "conformanceInput",
    "conformanceStateDict",
    "runBackendConformance",
  ],
};

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(resolve(packageDir, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, { source: string; types: string; default: string }>;
  browser: Record<string, string>;
};

interface ExportedName {
  name: string;
  typeOnly: boolean;
}

/**
 * The names a TypeScript module exports, types included, read from its syntax (the parser only: a type
 * checker over all of core takes seconds). Follows `export * from` into relative modules.
 */
function exportedNames(file: string): ExportedName[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names: ExportedName[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier;
      if (!statement.exportClause && from && ts.isStringLiteral(from)) {
        names.push(...exportedNames(resolve(dirname(file), from.text.replace(/\.js$/, ".ts"))));
      } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const e of statement.exportClause.elements) {
          names.push({ name: e.name.text, typeOnly: statement.isTypeOnly || e.isTypeOnly });
        }
      }
      continue;
    }
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    const typeOnly = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.push({ name: d.name.text, typeOnly: false });
      }
    } else if ("name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      names.push({ name: (statement.name as ts.Identifier).text, typeOnly });
    }
  }
  return names;
}

const entryPoints = Object.entries(manifest.exports);

describe("core's public API", () => {
  it("has exactly the entry points the architecture lists", () => {
    expect(entryPoints.map(([path]) => path)).toEqual(Object.keys(PUBLIC_API));
  });

  it.each(entryPoints)("%s: source, types and default name the same module", (path, target) => {
    const stem = path === "." ? "index" : `${path.slice(2)}/index`;
    expect(target).toEqual({
      source: `./src/${stem}.ts`,
      types: `./dist/${stem}.d.ts`,
      default: `./dist/${stem}.js`,
    });
    expect(existsSync(resolve(packageDir, target.source))).toBe(true);
  });

  it.each(entryPoints)("%s exports exactly its committed list, types included", (path, target) => {
    const names = exportedNames(resolve(packageDir, target.source)).map((n) => n.name);
    expect(names.length).toBe(new Set(names).size);
    expect([...names].sort()).toEqual([...(PUBLIC_API[path] ?? [])].sort());
  });

  it.each(entryPoints)("%s imports by name, and every value it declares is defined", async (path, target) => {
    const module: Record<string, unknown> = await import(
      /* @vite-ignore */ path === "." ? manifest.name : `${manifest.name}/${path.slice(2)}`
    );
    const values = exportedNames(resolve(packageDir, target.source))
      .filter((n) => !n.typeOnly)
      .map((n) => n.name);
    expect(Object.keys(module).sort()).toEqual(values.sort());
    for (const name of values) expect(module[name], name).toBeDefined();
  });

  it.each(entryPoints)("%s: with the browser map applied, reaches no node: module", (_path, target) => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      const mapped = manifest.browser[`./${relative(packageDir, file)}`];
      const actual = mapped ? resolve(packageDir, mapped) : file;
      if (seen.has(actual)) return;
      seen.add(actual);
      const source = ts.createSourceFile(actual, readFileSync(actual, "utf8"), ts.ScriptTarget.Latest);
      for (const statement of source.statements) {
        if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
        const typeOnly = ts.isImportDeclaration(statement)
          ? statement.importClause?.isTypeOnly
          : statement.isTypeOnly;
        const from = statement.moduleSpecifier;
        if (typeOnly || !from || !ts.isStringLiteral(from)) continue;
        if (from.text.startsWith(".")) visit(resolve(dirname(actual), from.text.replace(/\.js$/, ".ts")));
        else external.add(from.text);
      }
    };
    visit(resolve(packageDir, target.source));
    expect([...external].filter((name) => name.startsWith("node:"))).toEqual([]);
  });

  it("the browser variant of each mapped file exports the same names as the Node one", () => {
    const mapped = Object.entries(manifest.browser).filter(([from]) => from.startsWith("./src/"));
    expect(mapped.length).toBeGreaterThan(0);
    for (const [node, browser] of mapped) {
      const names = (file: string) => exportedNames(resolve(packageDir, file)).map((n) => n.name);
      expect(names(browser).sort(), browser).toEqual(names(node).sort());
    }
  });
});
