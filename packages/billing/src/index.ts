export { createStripeClient, stripeWebhooks, type StripeClient, type StripeOptions } from "./client";
export { stripeDispatcher, MESSAGES_METER_EVENT, type StripeDispatcherOptions } from "./dispatcher";
export { verifyStripeWebhook, customerOf, WebhookSignatureError, WEBHOOK_TOLERANCE_SECONDS, type StripeEventJob } from "./webhook";
export { portalLink } from "./portal";
