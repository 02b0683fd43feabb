import { notFound } from "@city137/core";
import { getRequest } from "@city137/db";
import { ZAnswerDirectQuestionInput, ZCreateDirectSessionInput, ZDirectSessionIdInput, ZDirectSessionStepInput, ZPortalDirectSessionsInput } from "@city137/validators";
import { inCity, portalCity } from "../../portal/city";
import { cityRoleProcedure, publicProcedure, router, staffProcedure } from "../../trpc";
import { changeRequest } from "../request/transition";
import { createSessions, sessionForAnswer, stepSession, type Actor } from "./schedule";
import { portalSessions, sessionWithQuestions, timetable } from "./views";

const actorOf = (ctx: { tenantId: string; session: { user: { id: string; roles: string[] } } }): Actor => ({
  tenantId: ctx.tenantId,
  staffId: ctx.session.user.id,
  roles: ctx.session.user.roles as Actor["roles"],
});

/** "Citizen asks, manager answers" (docs/decisions/021). Questions are registered through request.create with directSessionId. */
export const directSessionRouter = router({
  /** The timetable, for every member of staff (operators pick the live session here). */
  list: staffProcedure.query(({ ctx }) => ctx.tenant((tx) => timetable(tx, { tenantId: ctx.tenantId, now: ctx.now() }))),

  /** Schedules a session, or the same slot for several weeks. */
  create: cityRoleProcedure("city_admin", "supervisor")
    .input(ZCreateDirectSessionInput)
    .mutation(({ ctx, input }) => ctx.tenant((tx) => createSessions(tx, actorOf(ctx), input))),

  /** Start, end, publish or cancel a session. */
  step: cityRoleProcedure("city_admin", "supervisor", "operator", "manager")
    .input(ZDirectSessionStepInput)
    .mutation(({ ctx, input }) => ctx.tenant((tx) => stepSession(tx, actorOf(ctx), input))),

  /** One session with its questions and answers so far. */
  questions: cityRoleProcedure("city_admin", "supervisor", "operator", "manager")
    .input(ZDirectSessionIdInput)
    .query(({ ctx, input }) => ctx.tenant((tx) => sessionWithQuestions(tx, { tenantId: ctx.tenantId, id: input.id, now: ctx.now() }))),

  /** The manager's answer: the question is resolved with the answer as its note (the citizen is told as for any message). */
  answer: cityRoleProcedure("city_admin", "supervisor", "manager")
    .input(ZAnswerDirectQuestionInput)
    .mutation(({ ctx, input }) =>
      ctx.tenant(async (tx) => {
        const request = await getRequest(tx, { tenantId: ctx.tenantId, id: input.requestId });
        if (!request?.directSessionId) throw notFound();
        const session = await sessionForAnswer(tx, actorOf(ctx), request.directSessionId);
        // The manager answers for the session's unit, where the question was referred.
        const viewer = { roles: [...ctx.session.user.roles, "unit_staff"] as never, unitIds: [...ctx.session.user.unitIds, session.unitId] };
        const updated = await changeRequest(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, viewer, now: ctx.now(), input: { id: request.id, action: "resolve", note: input.note } });
        return { id: updated.id, status: updated.status };
      }),
    ),

  /** The portal's page: upcoming sessions and the published questions and answers. */
  portal: publicProcedure.input(ZPortalDirectSessionsInput).query(async ({ ctx, input }) => {
    const city = await portalCity(ctx, input.city);
    return inCity(ctx, city, (tx) => portalSessions(tx, { tenantId: city.id, now: ctx.now() }));
  }),
});
