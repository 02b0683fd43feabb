import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../client";
import { apiKeys, staff } from "../schema";

/** What the console may show of a key: never its hash. */
const visible = {
  id: apiKeys.id,
  label: apiKeys.label,
  prefix: apiKeys.prefix,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

export function listApiKeys(tx: Tx, p: { tenantId: string }) {
  return tx
    .select({ ...visible, createdByName: staff.displayName })
    .from(apiKeys)
    .leftJoin(staff, and(eq(staff.tenantId, apiKeys.tenantId), eq(staff.id, apiKeys.createdBy)))
    .where(eq(apiKeys.tenantId, p.tenantId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function insertApiKey(tx: Tx, p: { tenantId: string; label: string; keyHash: string; prefix: string; createdBy: string | null; at: Date }) {
  const [row] = await tx
    .insert(apiKeys)
    .values({ tenantId: p.tenantId, label: p.label, keyHash: p.keyHash, prefix: p.prefix, createdBy: p.createdBy, createdAt: p.at })
    .returning(visible);
  return row!;
}

/** Revokes a key once; a second revoke keeps the first time. Null when the city has no such key. */
export async function revokeApiKey(tx: Tx, p: { tenantId: string; id: string; at: Date }) {
  const [revoked] = await tx
    .update(apiKeys)
    .set({ revokedAt: p.at })
    .where(and(eq(apiKeys.tenantId, p.tenantId), eq(apiKeys.id, p.id), isNull(apiKeys.revokedAt)))
    .returning(visible);
  if (revoked) return { key: revoked, changed: true };
  const [existing] = await tx.select(visible).from(apiKeys).where(and(eq(apiKeys.tenantId, p.tenantId), eq(apiKeys.id, p.id)));
  return existing ? { key: existing, changed: false } : null;
}

/** The live key with this hash in this city, noting its use; null for an unknown or revoked key. */
export async function useApiKey(tx: Tx, p: { tenantId: string; keyHash: string; at: Date }) {
  const [row] = await tx
    .update(apiKeys)
    .set({ lastUsedAt: p.at })
    .where(and(eq(apiKeys.tenantId, p.tenantId), eq(apiKeys.keyHash, p.keyHash), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, label: apiKeys.label });
  return row ?? null;
}
