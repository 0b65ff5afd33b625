import type { MockUser } from './api.js';
import { byId } from './dom.js';

/** What every view shares: the users, the user filter, and the status line. */
export const shared = {
  users: [] as MockUser[],
  /** The user the views show; '' for all users. */
  userId: '',
};

let lastMessage = '';

/** Says something in the status line (a polite live region); repeats of the last message are not re-announced. */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  if (message === lastMessage) return;
  lastMessage = message;
  const status = byId('status');
  status.textContent = message;
  status.dataset.kind = kind;
}

/** Asks every view to refresh now rather than at the next tick (after an action). */
export function refreshSoon(): void {
  document.dispatchEvent(new Event('inspector:refresh'));
}

/** The message of an error, for the status line. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
