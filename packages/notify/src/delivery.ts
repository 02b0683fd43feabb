import { listSmsAwaitingDelivery, setSmsDelivery, withTenant, type Database } from "@city137/db";
import type { SmsProvider } from "./provider";

/** Asks the provider about messages still pending and records what it says. Returns the rows updated. */
export async function refreshDeliveries(db: Database, p: { tenantId: string; provider: SmsProvider; now: Date }): Promise<number> {
  if (!p.provider.status) return 0;
  const pending = await withTenant(db, p.tenantId, (tx) => listSmsAwaitingDelivery(tx, { tenantId: p.tenantId }));
  const ids = pending.filter((r) => r.provider === p.provider.name).map((r) => r.providerMessageId!);
  if (ids.length === 0) return 0;
  const reports = await p.provider.status(ids);
  return withTenant(db, p.tenantId, async (tx) => {
    let n = 0;
    for (const r of reports) {
      if (r.deliveryStatus === "pending") continue;
      n += await setSmsDelivery(tx, { tenantId: p.tenantId, providerMessageId: r.providerMessageId, deliveryStatus: r.deliveryStatus, at: p.now });
    }
    return n;
  });
}
