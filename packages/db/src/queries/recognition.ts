import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../client";
import { recognitionConsents } from "../schema";

/** Gives (or renews, with the name now given) a mobile's consent to be named in recognition lists. */
export function giveRecognitionConsent(tx: Tx, p: { tenantId: string; mobile: string; name: string; at: Date; requestId: string | null }) {
  return tx
    .insert(recognitionConsents)
    .values({ tenantId: p.tenantId, mobile: p.mobile, name: p.name, givenAt: p.at, requestId: p.requestId })
    .onConflictDoUpdate({
      target: [recognitionConsents.tenantId, recognitionConsents.mobile],
      set: { name: p.name, givenAt: p.at, requestId: p.requestId, withdrawnAt: null },
    });
}

/** Withdraws a standing consent; true if there was one. */
export async function withdrawRecognitionConsent(tx: Tx, p: { tenantId: string; mobile: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(recognitionConsents)
    .set({ withdrawnAt: p.at })
    .where(and(eq(recognitionConsents.tenantId, p.tenantId), eq(recognitionConsents.mobile, p.mobile), isNull(recognitionConsents.withdrawnAt)))
    .returning({ mobile: recognitionConsents.mobile });
  return rows.length > 0;
}

/** The name each of these mobiles consented to be shown with; mobiles without a standing consent are absent. */
export async function consentedNames(tx: Tx, p: { tenantId: string; mobiles: string[] }): Promise<Map<string, string>> {
  if (!p.mobiles.length) return new Map();
  const rows = await tx
    .select({ mobile: recognitionConsents.mobile, name: recognitionConsents.name })
    .from(recognitionConsents)
    .where(and(eq(recognitionConsents.tenantId, p.tenantId), inArray(recognitionConsents.mobile, p.mobiles), isNull(recognitionConsents.withdrawnAt)));
  return new Map(rows.map((r) => [r.mobile, r.name]));
}

/** A mobile's standing consent, for the citizen's own page. */
export async function recognitionConsentOf(tx: Tx, p: { tenantId: string; mobile: string }) {
  const [row] = await tx
    .select({ name: recognitionConsents.name, givenAt: recognitionConsents.givenAt })
    .from(recognitionConsents)
    .where(and(eq(recognitionConsents.tenantId, p.tenantId), eq(recognitionConsents.mobile, p.mobile), isNull(recognitionConsents.withdrawnAt)));
  return row ?? null;
}
