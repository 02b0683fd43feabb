import Stripe from "stripe";

export type StripeClient = Stripe;

export interface StripeOptions {
  secretKey: string;
  /** Only for tests and mocks: another API host (msw intercepts the default one). */
  host?: string;
}

/**
 * The one place a Stripe client is made: fetch-based (stripe 23 on Node's
 * fetch; older versions hang under msw's interceptors), no retries of its own —
 * failed calls are retried by the outbox relay, with the same idempotency key.
 */
export function createStripeClient(opts: StripeOptions): StripeClient {
  return new Stripe(opts.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 0,
    timeout: 20_000,
    ...(opts.host ? { host: opts.host } : {}),
  });
}

/** Webhook signatures need no client (no API key): verification is local. */
export const stripeWebhooks = Stripe.webhooks;
