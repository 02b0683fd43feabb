/** Stripe is on only with a secret key in the API's environment; without it every city is billed offline. */
export function stripeConfigured(): boolean {
  return Boolean(process.env.STRIPE_SECRET_KEY);
}
