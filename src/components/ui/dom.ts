// The one way typed components build DOM. htl and Inputs ship without TypeScript types, so components build
// their elements with `el` (and `svgEl` for SVG, which needs its namespace) instead.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

function fill<E extends Element>(node: E, attrs: Attrs, children: Child[]): E {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** Creates an element: attributes set as given (false/null/undefined skipped), children appended in order. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** `el` for SVG elements, which only render when created in the SVG namespace. */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Sets a component's value and tells Framework's `view()` (and anyone listening) that it changed. */
export function emitValue<T>(node: HTMLElement & {value?: T}, value: T): void {
  node.value = value;
  node.dispatchEvent(new Event("input", {bubbles: true}));
}

let counter = 0;
/** Unique ids for label/aria wiring when a component appears more than once on a page. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
