// Framework adds the Inputs stylesheet only for its CDN import (npm:@observablehq/inputs); pages that import
// the installed package by bare specifier (no third-party requests) must add it themselves. The static
// import.meta.resolve makes Framework copy the file from node_modules into the built site.
const INPUTS_CSS = import.meta.resolve("@observablehq/inputs/dist/index.css");

export function useInputsStylesheet(): void {
  if (document.querySelector(`link[data-inputs-stylesheet]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = INPUTS_CSS;
  link.dataset.inputsStylesheet = "";
  document.head.append(link);
}
