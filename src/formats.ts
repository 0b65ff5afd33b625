import type { Format } from 'ajv';

/**
 * String formats of our own, beyond ajv-formats' (which the validators also add), by name. The
 * build's standalone validators import them from here (scripts/compile-validators.mjs), so a
 * format added here works the same compiled at run time and ahead of time.
 */
export const ownFormats: Record<string, Format> = {};
