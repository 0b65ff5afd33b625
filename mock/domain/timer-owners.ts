import type { Clock, TimerOwner } from './clock.js';

/**
 * One timer owner per thing (a call, an agent's voice clone), made on first use, so `Clock.cancelFor`
 * cancels all of that thing's timers together. Keyed by the object, never by an id: two users'
 * records may share an id.
 */
export class TimerOwners<K extends object> {
  readonly #owners = new WeakMap<K, TimerOwner>();

  /** The owner of `key`'s timers; `make` describes it the first time. */
  of(key: K, make: () => TimerOwner): TimerOwner {
    let owner = this.#owners.get(key);
    if (!owner) {
      owner = make();
      this.#owners.set(key, owner);
    }
    return owner;
  }

  /** Cancels every timer of `key` still waiting on `clock`: what they waited for will not come. */
  cancel(key: K, clock: Clock): void {
    const owner = this.#owners.get(key);
    if (owner) clock.cancelFor(owner);
  }
}
