// Tiny DOM helpers for the story and CNN components. htl and Inputs ship without TypeScript types,
// so typed components build their few elements with these instead.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element: attributes set as given (false/null/undefined skipped), children appended in order. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
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
