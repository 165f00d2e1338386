// DOM helpers for the panel: elements are built with createElement and text goes in through
// textContent only, so nothing from a config file or the host is ever parsed as HTML.

type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  text?: string,
): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, text?: string): HTMLElement;
export function el(tag: string, attrs: Attrs = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`panel markup has no #${id}`);
  return node as T;
}

/** A CSS custom property of the current theme (VS Code sets --vscode-* on <html>). */
export function themeColor(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}
