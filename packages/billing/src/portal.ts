import type { StripeClient } from "./client";

/** A short-lived Stripe customer portal link for a city's admin. */
export async function portalLink(stripe: StripeClient, p: { customerId: string; returnUrl: string }): Promise<string> {
  const session = await stripe.billingPortal.sessions.create({ customer: p.customerId, return_url: p.returnUrl });
  return session.url;
}
