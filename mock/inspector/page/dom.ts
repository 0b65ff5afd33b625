/** What `h` accepts as a child: text is always inserted as text, never parsed as HTML. */
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Makes an element: `on…` attributes become listeners, `true` sets a bare attribute, null/false/undefined skip. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined)
      element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** The element with this id, which index.html promises. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`inspector: #${id} is missing from the page`);
  return element as T;
}

const rendered = new WeakMap<Element, string>();

/**
 * Replaces a container's children when `data` changed since the last call, and puts the focus
 * back on the element with the same `data-key`, so a poll never steals a keyboard user's place.
 */
export function render(container: HTMLElement, data: unknown, build: () => Child[]): void {
  const signature = JSON.stringify(data) ?? '';
  if (rendered.get(container) === signature) return;
  rendered.set(container, signature);
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? active.dataset.key : undefined;
  const nodes = build().flatMap((c) => (c === null || c === undefined || c === false ? [] : [c]));
  container.replaceChildren(...nodes.map((c) => (c instanceof Node ? c : String(c))));
  if (key !== undefined) container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
}

/** Forgets what a container last showed, so the next `render` draws it whatever the data. */
export function invalidate(container: HTMLElement): void {
  rendered.delete(container);
}

/** `HH:MM:SS.mmm` of an ISO time on the mock's clock (UTC). */
export const clockTime = (iso: string) => iso.slice(11, 23);

/** A status as a badge whose colour comes from the stylesheet. */
export const badge = (status: string) => h('span', { class: `badge badge-${status}` }, status);

/** Pretty JSON for a `<pre>`. */
export const pretty = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value, null, 2);
