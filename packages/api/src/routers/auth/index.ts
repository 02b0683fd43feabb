import { AppError } from "@city137/core";
import { ZAcceptInvitationInput, ZSignInInput } from "@city137/validators";
import { acceptStaffInvitation } from "../../auth/accept-invitation";
import { signIn } from "../../auth/sign-in";
import { signOut } from "../../auth/sign-out";
import { authedProcedure, publicProcedure, router } from "../../trpc";

export const authRouter = router({
  signIn: publicProcedure.input(ZSignInInput).mutation(({ ctx, input }) => {
    if (!ctx.signInLimiter.hit(`ip:${ctx.ip ?? "unknown"}`)) {
      throw new AppError("TOO_MANY_REQUESTS", "errors.auth.rateLimited");
    }
    return signIn(ctx.db, input, { ip: ctx.ip, now: ctx.now() });
  }),

  /** Invited staff set their password; rate-limited like sign-in. */
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(({ ctx, input }) => {
    if (!ctx.signInLimiter.hit(`ip:${ctx.ip ?? "unknown"}`)) {
      throw new AppError("TOO_MANY_REQUESTS", "errors.auth.rateLimited");
    }
    return acceptStaffInvitation(ctx.db, input, { ip: ctx.ip, now: ctx.now() });
  }),

  me: authedProcedure.query(({ ctx }) => {
    const s = ctx.session;
    return s.kind === "city" ? { kind: s.kind, user: s.user, city: s.city } : { kind: s.kind, user: s.user };
  }),

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.session, ctx.ip);
    return { ok: true as const };
  }),
});
