import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { tenants } from "../schema";

export type TenantStatusName = "active" | "suspended" | "archived";

/** A city's registry status and slug, locked for the transaction (app_platform); null for no such city. */
export async function lockTenantStatus(tx: Tx, tenantId: string): Promise<{ status: TenantStatusName; slug: string } | null> {
  const [row] = await tx.select({ status: tenants.status, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
  return row ?? null;
}

export async function setTenantStatus(tx: Tx, p: { tenantId: string; status: TenantStatusName }) {
  await tx.update(tenants).set({ status: p.status }).where(eq(tenants.id, p.tenantId));
}
