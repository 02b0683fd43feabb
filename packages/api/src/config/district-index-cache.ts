import { DistrictIndex } from "@city137/core";
import { districtBoundaries, type Tx } from "@city137/db";

const TTL_MS = 60_000;

/**
 * Point → district indexes, one per city, keyed by tenant id only (never
 * shared across cities). Rebuilt after a boundary import on this instance,
 * and at most a minute stale on the others.
 */
export class DistrictIndexCache {
  private readonly entries = new Map<string, { index: DistrictIndex; loadedAt: number }>();

  async get(tx: Tx, tenantId: string, now = Date.now()): Promise<DistrictIndex> {
    const hit = this.entries.get(tenantId);
    if (hit && now - hit.loadedAt < TTL_MS) return hit.index;
    const rows = await districtBoundaries(tx, { tenantId });
    const index = new DistrictIndex(
      rows.filter((r) => r.boundary).map((r) => ({ id: r.id, regionId: r.parentId, geometry: r.boundary! })),
    );
    this.entries.set(tenantId, { index, loadedAt: now });
    return index;
  }

  invalidate(tenantId: string) {
    this.entries.delete(tenantId);
  }
}
