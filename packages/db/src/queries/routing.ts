import { and, desc, eq, sql } from "drizzle-orm";
import type { RoutingTree } from "@city137/core";
import type { Tx } from "../client";
import { routingVersions } from "../schema";

const summary = {
  id: routingVersions.id,
  number: routingVersions.number,
  status: routingVersions.status,
  note: routingVersions.note,
  createdAt: routingVersions.createdAt,
  publishedAt: routingVersions.publishedAt,
};

export function listRoutingVersions(tx: Tx, p: { tenantId: string }) {
  return tx.select(summary).from(routingVersions).where(eq(routingVersions.tenantId, p.tenantId)).orderBy(desc(routingVersions.number));
}

export async function getRoutingVersion(tx: Tx, p: { tenantId: string; status?: "published" | "draft"; id?: string }) {
  const [row] = await tx
    .select()
    .from(routingVersions)
    .where(
      and(
        eq(routingVersions.tenantId, p.tenantId),
        p.id ? eq(routingVersions.id, p.id) : eq(routingVersions.status, p.status ?? "published"),
      ),
    );
  return row ?? null;
}

/** Writes the city's one draft, creating it with the next number if there is none. */
export async function saveRoutingDraft(tx: Tx, p: { tenantId: string; tree: RoutingTree; note: string; actorId: string }) {
  const draft = await getRoutingVersion(tx, { tenantId: p.tenantId, status: "draft" });
  if (draft) {
    const [row] = await tx
      .update(routingVersions)
      .set({ tree: p.tree, note: p.note, createdBy: p.actorId })
      .where(and(eq(routingVersions.tenantId, p.tenantId), eq(routingVersions.id, draft.id)))
      .returning(summary);
    return row!;
  }
  const [row] = await tx
    .insert(routingVersions)
    .values({
      tenantId: p.tenantId,
      number: sql`(select coalesce(max(number), 0) + 1 from routing_versions where tenant_id = ${p.tenantId})`,
      status: "draft",
      tree: p.tree,
      note: p.note,
      createdBy: p.actorId,
    })
    .returning(summary);
  return row!;
}

/** The draft goes live; the version it replaces is archived. */
export async function publishRoutingDraft(tx: Tx, p: { tenantId: string; draftId: string; actorId: string; at: Date }) {
  await tx
    .update(routingVersions)
    .set({ status: "archived" })
    .where(and(eq(routingVersions.tenantId, p.tenantId), eq(routingVersions.status, "published")));
  const [row] = await tx
    .update(routingVersions)
    .set({ status: "published", publishedBy: p.actorId, publishedAt: p.at })
    .where(and(eq(routingVersions.tenantId, p.tenantId), eq(routingVersions.id, p.draftId)))
    .returning(summary);
  return row!;
}
