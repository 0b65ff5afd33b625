import type { DomainContext } from './context.js';

/** The user's webhook signing secret, for texts and calls alike: made on first use, kept in the user's space. */
export function webhookSecretOf(ctx: DomainContext, userId: string): string {
  const space = ctx.spaces.of(userId);
  space.webhookSecret ??= `whsec_${ctx.gen.alphanumeric(32)}`;
  return space.webhookSecret;
}
