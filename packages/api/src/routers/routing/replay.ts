import { AppError, compileTree, route, type RoutingTree } from "@city137/core";
import { categoryPaths, getRoutingVersion, listCategories, officeDirectory, recentRequestsForReplay, type Tx } from "@city137/db";

/** At most this many examples of changed messages are returned. */
const SAMPLES = 20;

/**
 * Replays the draft over the city's newest real messages and compares it with
 * the live tree: how many would go to another unit, between which units, and
 * some examples. Corruption reports count but are never named.
 */
export async function replayDraft(tx: Tx, p: { tenantId: string; limit: number }) {
  const [draft, live] = await Promise.all([
    getRoutingVersion(tx, { tenantId: p.tenantId, status: "draft" }),
    getRoutingVersion(tx, { tenantId: p.tenantId, status: "published" }),
  ]);
  if (!draft) throw new AppError("NOT_FOUND", "errors.routing.noDraft");
  if (!live) throw new AppError("NOT_FOUND", "errors.routing.noPublished");
  const [cats, offices, messages] = await Promise.all([
    listCategories(tx, { tenantId: p.tenantId }),
    officeDirectory(tx, { tenantId: p.tenantId }),
    recentRequestsForReplay(tx, { tenantId: p.tenantId, limit: p.limit }),
  ]);
  const paths = categoryPaths(cats);
  const priorityOf = new Map(cats.map((c) => [c.id, c.priority]));
  const before = compileTree(live.tree as RoutingTree);
  const after = compileTree(draft.tree as RoutingTree);
  const moves = new Map<string, { fromUnitId: string | null; toUnitId: string | null; count: number }>();
  const samples: Array<{ trackingCode: string; fromUnitId: string | null; toUnitId: string | null; fromRule: string | null; toRule: string | null }> = [];
  let changed = 0;
  for (const m of messages) {
    const input = {
      categoryPath: paths.get(m.categoryId) ?? [m.categoryId],
      kind: m.kind,
      channel: m.channel,
      priority: priorityOf.get(m.categoryId) ?? "normal",
      regionId: m.regionId,
      districtId: m.districtId,
      at: m.createdAt,
      text: m.description,
    };
    const a = route(before, input, offices);
    const b = route(after, input, offices);
    if (a.unitId === b.unitId) continue;
    changed += 1;
    const key = `${a.unitId}>${b.unitId}`;
    const move = moves.get(key) ?? { fromUnitId: a.unitId, toUnitId: b.unitId, count: 0 };
    move.count += 1;
    moves.set(key, move);
    if (samples.length < SAMPLES && m.kind !== "corruption_report") {
      samples.push({ trackingCode: m.trackingCode, fromUnitId: a.unitId, toUnitId: b.unitId, fromRule: a.ruleId, toRule: b.ruleId });
    }
  }
  return {
    replayed: messages.length,
    changed,
    liveNumber: live.number,
    moves: [...moves.values()].sort((x, y) => y.count - x.count),
    samples,
  };
}
