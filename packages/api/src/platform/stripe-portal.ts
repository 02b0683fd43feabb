import { createStripeClient, portalLink } from "@city137/billing";
import { AppError, notFound } from "@city137/core";
import { findBillingAccount, type Tx } from "@city137/db";

/**
 * A Stripe customer portal link for a city's admin (invoices, payment
 * method). A city without a Stripe customer has no portal: NOT_FOUND.
 */
export async function cityPortalLink(tenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, tenantId: string, returnUrl: string) {
  const account = await tenant((tx) => findBillingAccount(tx, { tenantId }));
  if (!account || account.provider !== "stripe" || !account.stripeCustomerId) throw notFound("billing.errors.noStripeCustomer");
  const secretKey = process.env.STRIPE_SECRET_KEY;
  if (!secretKey) throw new AppError("SERVICE_UNAVAILABLE", "billing.errors.stripeOff");
  return { url: await portalLink(createStripeClient({ secretKey }), { customerId: account.stripeCustomerId, returnUrl }) };
}
