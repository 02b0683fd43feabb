import { stripeWebhooks } from "./client";

/** What the queue carries of a Stripe event: enough to apply it, nothing more. */
export interface StripeEventJob {
  tenantId: string;
  event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } };
}

/** Signatures older than this (seconds) are refused, as Stripe's own libraries do. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export class WebhookSignatureError extends Error {}

/**
 * Verifies the Stripe-Signature header over the raw body (bytes as received,
 * never re-serialised JSON) and the timestamp's age; returns the event.
 */
export function verifyStripeWebhook(raw: string, header: string | undefined, secret: string, now: Date): StripeEventJob["event"] {
  try {
    const event = stripeWebhooks.constructEvent(raw, header ?? "", secret, WEBHOOK_TOLERANCE_SECONDS, undefined, now.getTime());
    return { id: event.id, type: event.type, created: event.created, data: { object: event.data.object as unknown as Record<string, unknown> } };
  } catch (err) {
    throw new WebhookSignatureError(err instanceof Error ? err.message : "bad signature");
  }
}

/** The Stripe customer an event is about, if any: how it finds its city. */
export function customerOf(event: StripeEventJob["event"]): string | null {
  const o = event.data.object;
  if (o.object === "customer" && typeof o.id === "string") return o.id;
  const c = o.customer;
  if (typeof c === "string") return c;
  if (c && typeof c === "object" && typeof (c as { id?: unknown }).id === "string") return (c as { id: string }).id;
  return null;
}
