import { AppError } from "@city137/core";
import type { RateLimiter } from "../../auth/rate-limit";
import { ZAcceptInvitationInput, ZSignInInput } from "@city137/validators";
import { acceptStaffInvitation } from "../../auth/accept-invitation";
import { signIn } from "../../auth/sign-in";
import { signOut } from "../../auth/sign-out";
import { authedProcedure, publicProcedure, router } from "../../trpc";

/**
 * Failed attempts per client address are limited; successful ones are not
 * counted, since a whole call centre may sign in from one address.
 */
async function limitFailures<T>(ctx: { ip: string | null; signInLimiter: RateLimiter }, run: () => Promise<T>): Promise<T> {
  const key = `ip:${ctx.ip ?? "unknown"}`;
  if (ctx.signInLimiter.blocked(key)) throw new AppError("TOO_MANY_REQUESTS", "errors.auth.rateLimited");
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && (err.code === "UNAUTHORIZED" || err.code === "NOT_FOUND")) ctx.signInLimiter.hit(key);
    throw err;
  }
}

export const authRouter = router({
  signIn: publicProcedure.input(ZSignInInput).mutation(({ ctx, input }) =>
    limitFailures(ctx, () => signIn(ctx.db, input, { ip: ctx.ip, now: ctx.now() })),
  ),

  /** Invited staff set their password; rate-limited like sign-in. */
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(({ ctx, input }) =>
    limitFailures(ctx, () => acceptStaffInvitation(ctx.db, input, { ip: ctx.ip, now: ctx.now() })),
  ),

  me: authedProcedure.query(({ ctx }) => {
    const s = ctx.session;
    return s.kind === "city" ? { kind: s.kind, user: s.user, city: s.city } : { kind: s.kind, user: s.user };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.session, ctx.ip);
    return { ok: true as const };
  }),
});
