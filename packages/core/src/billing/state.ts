/**
 * A city's billing state (docs/decisions/011). It only ever limits what the
 * city's staff may change in its settings: citizen intake, tracking,
 * notifications and the handling of existing messages never depend on it,
 * and nothing is deleted for billing reasons.
 *
 *   active ──overdue──► past_due ──grace days──► grace ──more days──► restricted
 *     ▲                                                                  │
 *     └──────────────────────── paid (any state) ◄──────────────────────┘
 */
export const BILLING_STATES = ["active", "past_due", "grace", "restricted"] as const;
export type BillingState = (typeof BILLING_STATES)[number];

export interface BillingPolicy {
  /** Days after the due date an unpaid invoice spends in past_due before grace. */
  pastDueDays: number;
  /** Days in grace before the city is restricted. */
  graceDays: number;
}

export const DEFAULT_BILLING_POLICY: BillingPolicy = { pastDueDays: 7, graceDays: 14 };

export type BillingEvent =
  /**
   * The oldest unpaid offline invoice is this many whole days overdue; null when nothing is.
   * `providerUnpaid`: the city's payment provider (Stripe) last reported a failed payment that
   * no paid event has cleared since; only the provider's own "paid" clears that.
   */
  | { type: "evaluate"; daysOverdue: number | null; providerUnpaid?: boolean }
  /** A payment cleared everything overdue. */
  | { type: "paid" }
  /** Stripe reported a failed payment. */
  | { type: "payment_failed" }
  /** Platform staff restrict an overdue city now, without waiting for the grace period. */
  | { type: "restrict" };

export type BillingTransition = { ok: true; state: BillingState; changed: boolean } | { ok: false; reason: "not_overdue" };

const rank: Record<BillingState, number> = { active: 0, past_due: 1, grace: 2, restricted: 3 };

/** Where the overdue days put a city, by the policy alone. */
export function stateForOverdue(daysOverdue: number | null, policy: BillingPolicy = DEFAULT_BILLING_POLICY): BillingState {
  if (daysOverdue === null || daysOverdue <= 0) return "active";
  if (daysOverdue <= policy.pastDueDays) return "past_due";
  if (daysOverdue <= policy.pastDueDays + policy.graceDays) return "grace";
  return "restricted";
}

/**
 * The next state. Evaluation never moves a city backwards while something is
 * still overdue (a restriction by staff stays until paid), and moves it back
 * to active as soon as nothing is (offline invoices; a Stripe city's state
 * follows Stripe's events instead).
 */
export function nextBillingState(current: BillingState, event: BillingEvent, policy: BillingPolicy = DEFAULT_BILLING_POLICY): BillingTransition {
  const to = (state: BillingState): BillingTransition => ({ ok: true, state, changed: state !== current });
  switch (event.type) {
    case "paid":
      return to("active");
    case "payment_failed":
      return to(current === "active" ? "past_due" : current);
    case "restrict":
      return current === "active" ? { ok: false, reason: "not_overdue" } : to("restricted");
    case "evaluate": {
      if (event.daysOverdue === null || event.daysOverdue <= 0) return to(event.providerUnpaid ? (current === "active" ? "past_due" : current) : "active");
      const byPolicy = stateForOverdue(event.daysOverdue, policy);
      return to(rank[byPolicy] > rank[current] ? byPolicy : current);
    }
  }
}

/** Only these states limit administrative changes. */
export function limitsAdministration(state: BillingState): boolean {
  return state === "restricted";
}
