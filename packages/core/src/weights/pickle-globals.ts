/**
 * The only Python globals the unpickler will name, and what calling them means here. Each is
 * reimplemented in a few lines (an OrderedDict is a Map, a Parameter is its data), so the file never
 * chooses code to run: see unpickler.ts for why.
 */
import { UnsafePickleError } from "../errors/errors.js";

/** Globals a torch state dict needs. Storage types only name a dtype inside persistent ids. */
export const ALLOWED_PICKLE_GLOBALS: ReadonlySet<string> = new Set([
  "collections.OrderedDict",
  "torch._utils._rebuild_tensor_v2",
  "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state",
  ...["Float", "Double", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool"].map(
    (t) => `torch.${t}Storage`,
  ),
]);

/** An allowed global, as a name only: it is compared, never resolved or called. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * The GLOBAL/STACK_GLOBAL check: runs when the opcode is read, before the name could be used.
 *
 * @throws {UnsafePickleError} for a name not in {@link ALLOWED_PICKLE_GLOBALS}.
 *
 * @example
 * allowedGlobal({ module: "torch", name: "FloatStorage" }).qualifiedName // "torch.FloatStorage"
 * allowedGlobal({ module: "posix", name: "system" }) // throws UnsafePickleError, .global "posix.system"
 */
export function allowedGlobal(params: { module: string; name: string; file?: string }): PickleGlobal {
  const g = new PickleGlobal(params.module, params.name);
  if (!ALLOWED_PICKLE_GLOBALS.has(g.qualifiedName)) {
    throw new UnsafePickleError({ global: g.qualifiedName, file: params.file });
  }
  return g;
}

/** Arguments of `torch._utils._rebuild_tensor_v2`, unchecked (the callback validates them). */
export interface RebuildTensorArgs {
  storage: unknown;
  storageOffset: unknown;
  size: unknown;
  stride: unknown;
}

/**
 * What REDUCE does with an allowed global: returns the value, or an error message for calls torch
 * never writes (e.g. calling a storage type).
 *
 * @example
 * callGlobal({ fn: new PickleGlobal("collections", "OrderedDict"), args: [], rebuildTensor }) // { value: Map {} }
 */
export function callGlobal(params: {
  fn: PickleGlobal;
  args: readonly unknown[];
  rebuildTensor: (args: RebuildTensorArgs) => unknown;
}): { value: unknown } | { error: string } {
  const { fn, args } = params;
  switch (fn.qualifiedName) {
    case "collections.OrderedDict": {
      const pairs = args.length === 0 ? [] : args[0];
      if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2)) {
        return { error: "OrderedDict(...) takes a list of (key, value) pairs" };
      }
      return { value: new Map(pairs as [unknown, unknown][]) };
    }
    case "torch._utils._rebuild_tensor_v2":
      // Later arguments (requires_grad, backward_hooks, metadata) only matter for training.
      if (args.length < 4) return { error: "_rebuild_tensor_v2 needs (storage, offset, size, stride, ...)" };
      return {
        value: params.rebuildTensor({
          storage: args[0],
          storageOffset: args[1],
          size: args[2],
          stride: args[3],
        }),
      };
    case "torch._utils._rebuild_parameter":
    case "torch._utils._rebuild_parameter_with_state":
      // A Parameter is its data plus autograd flags, which inference has no use for.
      if (args.length < 1) return { error: `${fn.name} needs (data, ...)` };
      return { value: args[0] };
    default:
      return { error: `${fn.qualifiedName} cannot be called` };
  }
}
