import { draw } from './draw.js';
import type { DeliveryChaos, DeliverySettings } from './types.js';

/** The settings with every field present: what `GET /__mock/webhook-delivery` answers. */
export type FullDeliverySettings = Required<DeliverySettings>;

export const NO_CHAOS: FullDeliverySettings = { duplicate: 0, reorder: 0, delay: { min: 0, max: 0 } };

/** What the settings do to one event's delivery. */
export interface DeliveryPlan {
  /** The chaos the delivery log shows; null when nothing is done. */
  chaos: DeliveryChaos | null;
  /** Mock-clock ms after the first attempt that a duplicate follows; null for no duplicate. */
  duplicateAfterMs: number | null;
  /** Held back until after the lane's next event. */
  reorder: boolean;
  /** Extra mock-clock ms before the first attempt. */
  delayMs: number;
}

/** A duplicate follows its original by this much of the mock's clock, and up to this much more. */
const DUPLICATE_GAP_MS = { min: 200, spread: 300 };

/** The settings as given (each field optional), completed; `delay.min > delay.max` is the caller's to refuse. */
export function completeSettings(given: DeliverySettings): FullDeliverySettings {
  return {
    duplicate: given.duplicate ?? 0,
    reorder: given.reorder ?? 0,
    delay: given.delay ? { ...given.delay } : { min: 0, max: 0 },
  };
}

/**
 * What happens to the delivery of one event, drawn from the seed and the event's key (its call or
 * text, type and sequence): the same seed and steps give the same duplicates, holds and delays.
 * `canHold` is false for an event with no next one (a call's ending, a text's event).
 */
export function planDelivery(
  settings: FullDeliverySettings,
  seed: number,
  key: string,
  canHold: boolean,
): DeliveryPlan {
  const { duplicate, reorder, delay } = settings;
  if (duplicate === 0 && reorder === 0 && delay.max === 0)
    return { chaos: null, duplicateAfterMs: null, reorder: false, delayMs: 0 };
  const duplicated = duplicate > 0 && draw(seed, 'duplicate', key) < duplicate;
  const held = canHold && reorder > 0 && draw(seed, 'reorder', key) < reorder;
  const delaySeconds =
    delay.max > 0
      ? Math.round((delay.min + draw(seed, 'delay', key) * (delay.max - delay.min)) * 1000) / 1000
      : 0;
  const chaos: DeliveryChaos = {};
  if (held) chaos.reordered = true;
  if (delaySeconds > 0) chaos.delaySeconds = delaySeconds;
  return {
    chaos: Object.keys(chaos).length > 0 ? chaos : null,
    duplicateAfterMs: duplicated
      ? DUPLICATE_GAP_MS.min + Math.floor(draw(seed, 'duplicate-gap', key) * DUPLICATE_GAP_MS.spread)
      : null,
    reorder: held,
    delayMs: Math.round(delaySeconds * 1000),
  };
}
