// Framework adds the Inputs stylesheet only for its CDN import (npm:@observablehq/inputs); pages that import
// the installed package by bare specifier (no third-party requests) must add it themselves. The static
// import.meta.resolve makes Framework copy the file from node_modules into the built site.
import {el} from "./dom.js";

const INPUTS_CSS = import.meta.resolve("@observablehq/inputs/dist/index.css");

export function useInputsStylesheet(): void {
  if (document.querySelector(`link[data-inputs-stylesheet]`)) return;
  document.head.append(el("link", {rel: "stylesheet", href: INPUTS_CSS, "data-inputs-stylesheet": ""}));
}
