// Which weights this build carries, said at the top of /alexnet; with seeded random weights the page says so
// loudly, and again next to anything a reader might take for the trained network's output.
import {el} from "../ui/dom.js";
import type {WeightsProvenance} from "../core/artifacts.js";

const code = (text: string) => el("code", {}, text);

export function weightsNotice(weights: WeightsProvenance): HTMLElement {
  const hash = weights.sha256?.slice(0, 12) ?? "?";
  if (weights.kind === "local") {
    return el("div", {class: "weights-notice weights-local"}, el("p", {}, `Weights from a local file (${weights.source}, SHA-256 ${hash}…) that is not torchvision's published checkpoint.`));
  }
  if (weights.kind === "pretrained") {
    return el("div", {class: "weights-notice weights-pretrained"}, el("p", {}, `Weights: torchvision's pretrained AlexNet (IMAGENET1K_V1, SHA-256 ${hash}…).`));
  }
  return el(
    "div",
    {class: "weights-notice weights-random", role: "note"},
    el(
      "p",
      {},
      el("strong", {}, "These are seeded random weights, not the pretrained AlexNet."),
      ` This build could not get torchvision's checkpoint${weights.reason ? ` (${weights.reason})` : ""}, so the model below has the right shape but has learned nothing: its predictions are noise and its filters are random.`
    ),
    el(
      "p",
      {},
      "To see the real network: put torchvision's ",
      code("alexnet-owt-7be5be79.pth"),
      " somewhere and set ",
      code("ALEXNET_WEIGHTS=/path/to/it"),
      ", or build on a machine with internet access (the build downloads and checks it), then run ",
      code("npm run clean && npm run build"),
      "."
    )
  );
}

/** A one-line warning, only when the weights are random. */
export function randomReminder(weights: WeightsProvenance, text: string): HTMLElement[] {
  return weights.kind === "random" ? [el("p", {class: "random-reminder"}, `Seeded random weights: ${text}`)] : [];
}
