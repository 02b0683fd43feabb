import { reserveCounterBlock, withTenant, type Database } from "@city137/db";

/** Numbers each API process takes from a city's counter at a time. */
export const TRACKING_BLOCK = 16;

interface Block {
  next: number;
  last: number;
}

/**
 * Tracking numbers handed out from blocks reserved in a short transaction of
 * their own, so concurrent registrations in one city no longer queue on the
 * counter's row lock for the length of a whole registration
 * (docs/decisions/022). Numbers stay unique per city; a number taken by a
 * call that then fails, and the rest of a block when the process stops, are
 * never used: tracking codes are unique, not gapless, and across processes
 * not in time order.
 *
 * Take the number before opening the registration's transaction: reserving
 * a block inside it would wait for a second connection while holding one.
 */
export class TrackingNumbers {
  private readonly blocks = new Map<string, Block>();
  private readonly refills = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly size = TRACKING_BLOCK,
  ) {}

  async next(tenantId: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(tenantId);
      if (block && block.next <= block.last) return block.next++;
      await this.refill(tenantId);
    }
  }

  /** One reservation per city at a time; callers arriving meanwhile wait for it. */
  private refill(tenantId: string): Promise<void> {
    let pending = this.refills.get(tenantId);
    if (!pending) {
      pending = withTenant(this.db, tenantId, (tx) => reserveCounterBlock(tx, { tenantId, name: "tracking", size: this.size }), { cachedPlans: true })
        .then((last) => void this.blocks.set(tenantId, { next: last - this.size + 1, last }))
        .finally(() => this.refills.delete(tenantId));
      this.refills.set(tenantId, pending);
    }
    return pending;
  }
}

const perDatabase = new WeakMap<Database, TrackingNumbers>();

/** The process's allocator for one database (tests open several). */
export function trackingNumbersFor(db: Database): TrackingNumbers {
  let numbers = perDatabase.get(db);
  if (!numbers) perDatabase.set(db, (numbers = new TrackingNumbers(db)));
  return numbers;
}
