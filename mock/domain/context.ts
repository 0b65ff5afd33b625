import type { Clock } from './clock.js';
import type { DomainEvent } from './events.js';
import type { SeededFaker } from './ids.js';
import type { Spaces } from './spaces.js';

/** What every part of the domain shares: the clock, the seeded generator, the users' data, the event outlet. */
export interface DomainContext {
  clock: Clock;
  gen: SeededFaker;
  spaces: Spaces;
  emit(event: DomainEvent): void;
}
