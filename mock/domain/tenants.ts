import { constantTimeEqual } from '../lib/constant-time-equal.js';
import { sha256, toHex } from '../lib/sha256.js';

/** What a token may do: `full` reads and writes, `read` only reads. */
export type Access = 'full' | 'read';

export interface TokenConfig {
  token: string;
  access: Access;
}

export interface UserConfig {
  id: string;
  /** The account's phone number: the default caller id and SMS sender. */
  number: string;
  tokens: TokenConfig[];
  suspended?: boolean;
  /** Requests per minute; overrides the server's default. */
  rateLimit?: number;
}

/** Who a token belongs to and what it may do. */
export interface Principal {
  user: UserConfig;
  access: Access;
}

/** The default users, documented in the README and printed at start-up. */
export const DEFAULT_USERS: readonly UserConfig[] = [
  {
    id: 'demo',
    number: '+15005550100',
    tokens: [
      { token: 'demo-token', access: 'full' },
      { token: 'demo-token-readonly', access: 'read' },
    ],
  },
  { id: 'other', number: '+15005550101', tokens: [{ token: 'demo-token-other', access: 'full' }] },
  {
    id: 'suspended',
    number: '+15005550102',
    suspended: true,
    tokens: [{ token: 'demo-token-suspended', access: 'full' }],
  },
];

const digest = (token: string) => sha256(token);

/**
 * The users and their tokens. Tokens are looked up by their SHA-256 digest and confirmed with a
 * constant-time comparison, so neither the lookup nor the comparison leaks how much of a guessed
 * token was right. A token once confirmed is found again by its string (no digest per request).
 */
export class Tenants {
  #byDigest = new Map<string, { digest: Uint8Array; principal: Principal }>();
  // Only configured tokens enter, so it holds at most as many entries as there are tokens. A Map
  // compares a string with a key only when their hashes match, so a guess that is not a whole
  // token is never compared character by character.
  #confirmed = new Map<string, Principal>();
  readonly users: readonly UserConfig[];

  constructor(users: readonly UserConfig[] = DEFAULT_USERS) {
    this.users = users;
    for (const user of users) {
      for (const { token, access } of user.tokens) {
        const d = digest(token);
        this.#byDigest.set(toHex(d), { digest: d, principal: { user, access } });
      }
    }
  }

  /** The principal a token stands for, or undefined for an unknown token. */
  authenticate(token: string): Principal | undefined {
    const known = this.#confirmed.get(token);
    if (known) return known;
    const d = digest(token);
    const entry = this.#byDigest.get(toHex(d));
    if (!entry || !constantTimeEqual(entry.digest, d)) return undefined;
    this.#confirmed.set(token, entry.principal);
    return entry.principal;
  }

  user(id: string): UserConfig | undefined {
    return this.users.find((u) => u.id === id);
  }
}
