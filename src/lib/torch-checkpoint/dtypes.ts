/** Element types a PyTorch storage can hold, and how to read them as float32. */
export type DType =
  | "float32"
  | "float64"
  | "float16"
  | "bfloat16"
  | "int64"
  | "int32"
  | "int16"
  | "int8"
  | "uint8"
  | "bool";

export const ELEMENT_SIZE: Record<DType, number> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1
};

/** torch storage class names as pickled (`torch.FloatStorage`, also `torch.cuda.FloatStorage` in old files). */
const STORAGE_CLASS_DTYPE: Record<string, DType> = {
  FloatStorage: "float32",
  DoubleStorage: "float64",
  HalfStorage: "float16",
  BFloat16Storage: "bfloat16",
  LongStorage: "int64",
  IntStorage: "int32",
  ShortStorage: "int16",
  CharStorage: "int8",
  ByteStorage: "uint8",
  BoolStorage: "bool"
};

/** Returns the dtype for a storage class name, or undefined for ones we do not read (complex, quantized, …). */
export function dtypeOfStorageClass(className: string): DType | undefined {
  return Object.hasOwn(STORAGE_CLASS_DTYPE, className) ? STORAGE_CLASS_DTYPE[className] : undefined;
}

/** IEEE half → number. Hand-written because Float16Array is not available in Node 20. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/**
 * Reads element `index` of a little-endian storage as a number. Used by the gather loop for every dtype except
 * float32, which takes a faster typed-array path.
 */
export function elementReader(dtype: DType, view: DataView): (index: number) => number {
  switch (dtype) {
    case "float32":
      return (i) => view.getFloat32(i * 4, true);
    case "float64":
      return (i) => view.getFloat64(i * 8, true);
    case "float16":
      return (i) => halfToNumber(view.getUint16(i * 2, true));
    case "bfloat16": {
      // bfloat16 is the top half of a float32.
      const scratch = new DataView(new ArrayBuffer(4));
      return (i) => {
        scratch.setUint32(0, view.getUint16(i * 2, true) << 16);
        return scratch.getFloat32(0);
      };
    }
    case "int64":
      return (i) => Number(view.getBigInt64(i * 8, true));
    case "int32":
      return (i) => view.getInt32(i * 4, true);
    case "int16":
      return (i) => view.getInt16(i * 2, true);
    case "int8":
      return (i) => view.getInt8(i);
    case "uint8":
    case "bool":
      return (i) => view.getUint8(i);
  }
}
