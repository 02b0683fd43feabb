import { findBillingAccount, type Tx } from "@city137/db";

/** A city's account as platform staff see it; the defaults when it has none yet. */
export async function billingAccountOf(tx: Tx, tenantId: string) {
  return (
    (await findBillingAccount(tx, { tenantId })) ?? {
      tenantId,
      id: tenantId,
      itContactName: "",
      itContactEmail: "",
      itContactPhone: "",
      legalName: "",
      address: "",
      economicCode: "",
      planId: null,
      cycle: "monthly" as const,
      provider: "offline" as const,
      showToman: true,
      state: "active" as const,
      stateChangedAt: null,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      stripeSubscriptionStatus: null,
      stripeEventAt: null,
      updatedAt: null,
    }
  );
}
