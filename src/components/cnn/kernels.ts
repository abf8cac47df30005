// Named 3×3 kernels for the /cnn demos. Hand-picked classics, not learned weights: AlexNet's first layer
// learns filters that look much like these edge and blob detectors (its Figure 3), which is why they are a fair stand-in.
import type {Kernel3} from "./ops.js";

export interface KernelPreset {
  id: string;
  label: string;
  kernel: Kernel3;
}

export const KERNEL_PRESETS: readonly KernelPreset[] = [
  {id: "edge", label: "Edge", kernel: [-1, -1, -1, -1, 8, -1, -1, -1, -1]},
  {id: "blur", label: "Blur", kernel: [1 / 16, 2 / 16, 1 / 16, 2 / 16, 4 / 16, 2 / 16, 1 / 16, 2 / 16, 1 / 16]},
  {id: "sharpen", label: "Sharpen", kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0]},
  {id: "vertical", label: "Vertical edge", kernel: [-1, 0, 1, -2, 0, 2, -1, 0, 1]},
  {id: "identity", label: "Identity", kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0]}
];

export function presetById(id: string): KernelPreset {
  const preset = KERNEL_PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`unknown kernel preset "${id}"`);
  return preset;
}

/**
 * Eight oriented edge detectors (Sobel in four directions, each with both signs): after ReLU each channel
 * lights up for one edge direction, which gives LRN neighbouring channels that compete, as in a real first layer.
 */
export const EDGE_BANK: readonly {label: string; kernel: Kernel3}[] = [
  {label: "→ dark to light", kernel: [-1, 0, 1, -2, 0, 2, -1, 0, 1]},
  {label: "↘", kernel: [-2, -1, 0, -1, 0, 1, 0, 1, 2]},
  {label: "↓ dark to light", kernel: [-1, -2, -1, 0, 0, 0, 1, 2, 1]},
  {label: "↙", kernel: [0, -1, -2, 1, 0, -1, 2, 1, 0]},
  {label: "← dark to light", kernel: [1, 0, -1, 2, 0, -2, 1, 0, -1]},
  {label: "↖", kernel: [2, 1, 0, 1, 0, -1, 0, -1, -2]},
  {label: "↑ dark to light", kernel: [1, 2, 1, 0, 0, 0, -1, -2, -1]},
  {label: "↗", kernel: [0, 1, 2, -1, 0, 1, -2, -1, 0]}
];
