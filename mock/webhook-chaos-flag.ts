import type { DeliverySettings } from './domain/campaigns/types.js';

const usage =
  "--webhook-chaos takes duplicate=P,reorder=P,delay=MIN-MAX (P from 0 to 1, seconds), e.g. 'duplicate=0.1,reorder=0.1,delay=0-3'";

function probability(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`${usage}; ${name}=${value} is not a probability from 0 to 1`);
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600)
    throw new Error(`${usage}; delay ${value} is not a number of seconds from 0 to 3600`);
  return n;
}

/**
 * `--webhook-chaos duplicate=0.1,reorder=0.1,delay=0-3` as the settings `PUT /__mock/webhook-delivery`
 * takes (`delay=2` is `{min: 2, max: 2}`). Throws with what is wrong.
 */
export function parseWebhookChaos(flag: string): DeliverySettings {
  const settings: DeliverySettings = {};
  for (const part of flag
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value, extra] = part.split('=');
    if (value === undefined || extra !== undefined) throw new Error(`${usage}; not '${part}'`);
    if (name === 'duplicate' || name === 'reorder') settings[name] = probability(name, value);
    else if (name === 'delay') {
      const [min, max = min] = value.split('-') as [string, string?];
      settings.delay = { min: seconds(min), max: seconds(max) };
      if (settings.delay.min > settings.delay.max)
        throw new Error(`${usage}; delay ${value} ends before it starts`);
    } else throw new Error(`${usage}; '${name}' is none of duplicate, reorder, delay`);
  }
  return settings;
}
