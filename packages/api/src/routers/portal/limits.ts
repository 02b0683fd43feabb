import { RateLimiter } from "../../auth/rate-limit";
import type { Context } from "../../trpc";

/** Per API instance (keyed by its database handle): failed tracking guesses per client and city. */
const byInstance = new WeakMap<object, { track: RateLimiter; otpVerify: RateLimiter }>();

export function portalLimits(ctx: Context) {
  let l = byInstance.get(ctx.db);
  if (!l) {
    l = { track: new RateLimiter(20, 15 * 60_000), otpVerify: new RateLimiter(20, 15 * 60_000) };
    byInstance.set(ctx.db, l);
  }
  return l;
}

export const clientKey = (ctx: Context, cityId: string) => `${cityId}:${ctx.ip ?? "unknown"}`;
