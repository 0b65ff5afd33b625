import { byId } from './dom.js';

/**
 * Newer/Older paging over a cursor API. On the first page the view follows what is new; further
 * back, it stays on the page the user chose while the poll refreshes it.
 */
export class Pager {
  #cursors: Array<string | undefined> = [undefined];
  #next: string | null = null;
  #newer: HTMLButtonElement;
  #older: HTMLButtonElement;
  #range: HTMLElement;
  readonly size: number;

  constructor(prefix: string, size: number, onMove: () => void) {
    this.size = size;
    this.#newer = byId<HTMLButtonElement>(`${prefix}-newer`);
    this.#older = byId<HTMLButtonElement>(`${prefix}-older`);
    this.#range = byId(`${prefix}-range`);
    this.#newer.addEventListener('click', () => {
      if (this.#cursors.length > 1) this.#cursors.pop();
      onMove();
    });
    this.#older.addEventListener('click', () => {
      if (this.#next) this.#cursors.push(this.#next);
      onMove();
    });
    this.#show(0, 0);
  }

  /** The cursor of the page shown (undefined on the first). */
  get cursor(): string | undefined {
    return this.#cursors[this.#cursors.length - 1];
  }

  /** Back to the first page (when a filter changes, or the cursor expired). */
  first(): void {
    this.#cursors = [undefined];
  }

  /** Takes in the page that came back. */
  update(page: { data: unknown[]; nextCursor: string | null; total: number }): void {
    this.#next = page.nextCursor;
    this.#show(page.data.length, page.total);
  }

  #show(shown: number, total: number): void {
    const from = (this.#cursors.length - 1) * this.size;
    this.#range.textContent =
      total === 0 ? 'None yet' : `${from + 1}–${from + shown} of ${total.toLocaleString('en')}`;
    this.#newer.disabled = this.#cursors.length <= 1;
    this.#older.disabled = this.#next === null;
  }
}
