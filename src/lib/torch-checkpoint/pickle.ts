/**
 * Unpickles the object graph of a PyTorch checkpoint with the `pickleparser` library, teaching it the few torch
 * globals a state dict uses. Nothing in the pickle is ever executed: unknown globals become inert placeholder
 * objects, so a malicious checkpoint can at worst be rejected.
 */
import pickleparser from "pickleparser";
import {dtypeOfStorageClass, type DType} from "./dtypes.ts";

const {Parser, BufferReader} = pickleparser;

/** A pickled reference to a torch storage class such as `torch.FloatStorage`. */
export class StorageClass {
  constructor(readonly qualifiedName: string, readonly dtype: DType | undefined) {}
}

/** What a persistent id resolves to: one storage (or, in the legacy format, a view into one). */
export interface StorageRef {
  readonly key: string;
  readonly dtype: DType;
  /** Element offset of this view inside the root storage (legacy views only; 0 otherwise). */
  readonly viewOffset: number;
}

/** The arguments of `torch._utils._rebuild_tensor_v2`: element [i, j, …] = storage[offset + Σ index·stride]. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: number[],
    readonly stride: number[]
  ) {}
}

/** A torch global we recognise but cannot turn into a plain tensor (quantized, sparse, numpy-backed…). */
export class UnsupportedTorchObject {
  constructor(readonly qualifiedName: string) {}
}

type AnyFunction = (...args: unknown[]) => unknown;

function toIntArray(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "number" || typeof v === "bigint")) {
    throw new Error(`expected a tuple of integers, got ${JSON.stringify(value)}`);
  }
  return value.map(Number);
}

function rebuildTensor(storage: unknown, offset: unknown, size: unknown, stride: unknown): TensorRef {
  if (!isStorageRef(storage)) throw new Error("tensor without a storage");
  return new TensorRef(storage, Number(offset), toIntArray(size), toIntArray(stride));
}

export function isStorageRef(value: unknown): value is StorageRef {
  return typeof value === "object" && value !== null && "key" in value && "dtype" in value && "viewOffset" in value;
}

function resolveGlobal(module: string, name: string): AnyFunction | undefined {
  const qualified = `${module}.${name}`;
  // Python 3 pickles an OrderedDict empty and fills it with SETITEMS; Python 2 passes a list of [key, value] pairs.
  if (module === "collections" && name === "OrderedDict") {
    return (pairs) => new Map(Array.isArray(pairs) ? (pairs as Array<[unknown, unknown]>) : []);
  }
  if (module === "torch._utils") {
    if (name === "_rebuild_tensor_v2" || name === "_rebuild_tensor") return rebuildTensor as AnyFunction;
    // A saved nn.Parameter wraps the tensor: keep the tensor, drop requires_grad and hooks.
    if (name === "_rebuild_parameter" || name === "_rebuild_parameter_with_state") return (data) => data;
    return () => new UnsupportedTorchObject(qualified);
  }
  if ((module === "torch" || module === "torch.cuda") && name.endsWith("Storage")) {
    const storageClass = new StorageClass(qualified, dtypeOfStorageClass(name));
    // pickleparser pushes whatever the resolver returns, so the class can travel as a plain value.
    return storageClass as unknown as AnyFunction;
  }
  return undefined;
}

export interface UnpickleResult {
  value: unknown;
  /** Byte offset just past the STOP opcode, where the next record of the file starts. */
  end: number;
}

/**
 * Reads one pickle starting at `start`. `persistentLoad` receives each persistent id (a tuple as an array for the
 * zip and legacy formats, a string for the tar format). Throws plain Errors; callers add the file name.
 */
export function unpickle(bytes: Uint8Array, start: number, persistentLoad: (pid: unknown) => unknown): UnpickleResult {
  const fallback = new pickleparser.NameRegistry();
  const parser = new Parser({
    nameResolver: {resolve: (module: string, name: string) => resolveGlobal(module, name) ?? fallback.resolve(module, name)},
    persistentResolver: {resolve: (pid: unknown) => persistentLoad(pid)} as {resolve(pid: string): unknown},
    unpicklingTypeOfDictionary: "Map",
    unpicklingTypeOfSet: "array"
  });
  const reader = new BufferReader(bytes.subarray(start));
  const value = parser.read(reader);
  return {value, end: start + reader.position};
}
