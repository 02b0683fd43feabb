import { createHmac, randomBytes } from "node:crypto";
import { RateLimiter } from "../auth/rate-limit";

const HOUR = 3_600_000;

/**
 * Rate limits of the protected channel never key on the address itself: a
 * client is an HMAC of city and address under a key that lives only in this
 * process's memory and is replaced every hour (docs/decisions/017). Nothing of
 * it is written anywhere; after the hour even this process cannot link a tag
 * to an address or to the previous hour's tag.
 */
export class ClientTagger {
  private key = randomBytes(32);
  private since: number;

  constructor(private readonly now: () => number = Date.now) {
    this.since = now();
  }

  tag(cityId: string, address: string | null): string {
    if (this.now() - this.since >= HOUR) {
      this.key = randomBytes(32);
      this.since = this.now();
    }
    return createHmac("sha256", this.key).update(`${cityId}\n${address ?? "unknown"}`).digest("base64url").slice(0, 22);
  }
}

export interface ProtectedLimits {
  tagger: ClientTagger;
  /** New reports per client per hour. */
  submit: RateLimiter;
  /** New reports per city per hour, whoever sends them (a flood through many addresses). */
  citySubmit: RateLimiter;
  /** Wrong receipts per client per 15 minutes. */
  follow: RateLimiter;
  /** Additions and answers per client per hour. */
  reply: RateLimiter;
}

const byInstance = new WeakMap<object, ProtectedLimits>();

/** One set per API instance (keyed by its database handle), like the portal's. */
export function protectedLimits(instance: object): ProtectedLimits {
  let l = byInstance.get(instance);
  if (!l) {
    l = {
      tagger: new ClientTagger(),
      submit: new RateLimiter(5, HOUR),
      citySubmit: new RateLimiter(200, HOUR),
      follow: new RateLimiter(10, 15 * 60_000),
      reply: new RateLimiter(30, HOUR),
    };
    byInstance.set(instance, l);
  }
  return l;
}
