import { customerOf, verifyStripeWebhook, WebhookSignatureError, type StripeEventJob } from "@city137/billing";
import { tenantOfStripeCustomer, withPlatform, type Database } from "@city137/db";
import type { Hono } from "hono";
import type { Logger } from "../logger";

export interface StripeWebhookOptions {
  db: Database;
  log: Logger;
  now: () => Date;
  /** The endpoint's signing secret (whsec_…); absent = the endpoint answers 404. */
  secret?: string;
  /** Hands a verified event to the job queue. */
  enqueue?: (job: { city: string; event: StripeEventJob["event"] }) => Promise<unknown>;
}

/**
 * POST /webhooks/stripe: verifies the signature over the raw body (400 for a
 * bad one or a stale timestamp), finds the event's city by its Stripe
 * customer, queues it and answers at once; the job applies it as the city,
 * once per event id (docs/decisions/011).
 */
export function stripeWebhookRoute(app: Hono, opts: StripeWebhookOptions) {
  app.post("/webhooks/stripe", async (c) => {
    if (!opts.secret || !opts.enqueue) return c.json({ error: "Stripe is not configured on this platform." }, 404);
    const raw = await c.req.text();
    let event: StripeEventJob["event"];
    try {
      event = verifyStripeWebhook(raw, c.req.header("stripe-signature"), opts.secret, opts.now());
    } catch (err) {
      if (err instanceof WebhookSignatureError) return c.json({ error: "invalid signature" }, 400);
      throw err;
    }
    const customer = customerOf(event);
    const city = customer ? await withPlatform(opts.db, (tx) => tenantOfStripeCustomer(tx, customer)) : null;
    if (!city) {
      opts.log.info({ eventId: event.id, type: event.type }, "stripe event for no city of ours: ignored");
      return c.json({ received: true, ignored: true });
    }
    await opts.enqueue({ city, event });
    return c.json({ received: true });
  });
}
