import { AppError, boxAround, canSeeRequest, distanceMetres, fromTehranDayMinute, notFound, requestScope, tehranDayAndMinute } from "@city137/core";
import { countsByShift, getOpen311Extras, getRequest, isUniqueViolation, recordAudit, listRequestEvents, listRequests, listSupporters, listUnits, openLoadByUnit, openRequestsInBox, recentRoutingEvents } from "@city137/db";
import { ZCreateRequestInput, ZGetRequestInput, ZListRequestsInput, ZNearbyRequestsInput, ZRoutingEventsInput, ZSupportRequestInput, ZTransitionRequestInput } from "@city137/validators";
import { cityRoleProcedure, router, staffProcedure } from "../../trpc";
import { INTAKE_PLANS, bodyHash, registerRequest } from "./intake";
import { DUE_SOON_HOURS, toFilter } from "./filters";
import { supportRequest } from "./support";
import { changeRequest } from "./transition";
import { trackingNumbersFor } from "../../intake/tracking-numbers";

const viewerOf = (s: { user: { roles: string[]; unitIds: string[] } }) => ({ roles: s.user.roles as never, unitIds: s.user.unitIds });

export const requestRouter = router({
  /** Registers a message (an operator on the phone, a supervisor, the city's IT). Retries with the same key return the first answer. */
  create: cityRoleProcedure("operator", "supervisor", "city_admin")
    .input(ZCreateRequestInput)
    .mutation(async ({ ctx, input }) => {
      const seq = await trackingNumbersFor(ctx.db).next(ctx.tenantId);
      const intake = { tenantId: ctx.tenantId, actorId: ctx.session.user.id, districts: ctx.districts, now: ctx.now(), seq };
      try {
        const { request, replayed } = await ctx.tenant((tx) => registerRequest(tx, intake, input), INTAKE_PLANS);
        return { id: request.id, trackingCode: request.trackingCode, status: request.status, unitId: request.unitId, deadline: request.deadline?.toISOString() ?? null, replayed };
      } catch (err) {
        // A concurrent submit with the same key won the race: answer with its message.
        if (!isUniqueViolation(err)) throw err;
        const first = await ctx.tenant((tx) => registerRequest(tx, intake, input), INTAKE_PLANS).catch(() => null);
        if (!first) throw new AppError("CONFLICT", "errors.request.idempotencyMismatch", { field: "idempotencyKey", cause: err });
        const r = first.request;
        if (r.idempotencyHash !== bodyHash(input)) throw new AppError("CONFLICT", "errors.request.idempotencyMismatch", { field: "idempotencyKey" });
        return { id: r.id, trackingCode: r.trackingCode, status: r.status, unitId: r.unitId, deadline: r.deadline?.toISOString() ?? null, replayed: true };
      }
    }),

  /** A caller with the same problem joins an open message (they hear its code and its answer). */
  support: cityRoleProcedure("operator", "supervisor", "city_admin")
    .input(ZSupportRequestInput)
    .mutation(({ ctx, input }) =>
      ctx.tenant((tx) => supportRequest(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, viewer: viewerOf(ctx.session), now: ctx.now(), input })),
    ),

  /** One message with its timeline and supporters, by id or tracking code. */
  get: staffProcedure.input(ZGetRequestInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const r = await getRequest(tx, { tenantId: ctx.tenantId, ...input });
      if (!r || !canSeeRequest(viewerOf(ctx.session), r)) throw notFound();
      // Every view of a confidential report is on the record, with who looked.
      if (r.kind === "corruption_report") {
        await recordAudit(tx, ctx.tenantId, { action: "request.viewed_confidential", actorId: ctx.session.user.id, targetType: "request", targetId: r.id, ip: ctx.ip, detail: { trackingCode: r.trackingCode } });
      }
      const events = await listRequestEvents(tx, { tenantId: ctx.tenantId, requestId: r.id });
      const supporters = await listSupporters(tx, { tenantId: ctx.tenantId, requestId: r.id });
      const open311 = r.channel === "open311" ? await getOpen311Extras(tx, { tenantId: ctx.tenantId, requestId: r.id }) : null;
      const { idempotencyKey: _k, idempotencyHash: _h, searchText: _s, ...visible } = r;
      return { ...visible, mediaUrl: open311?.mediaUrl ?? null, citizenEmail: open311?.email ?? null, timeline: events, supporters };
    }),
  ),

  /** Queues ("mine", HQ, a unit, breaches, due soon) and search, with what the viewer may see applied before paging. */
  list: staffProcedure.input(ZListRequestsInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const hqUnitIds = async () => (await listUnits(tx, { tenantId: ctx.tenantId })).filter((u) => u.kind === "hq").map((u) => u.id);
      const filter = await toFilter(input, { tenantId: ctx.tenantId, viewer: viewerOf(ctx.session), now: ctx.now(), hqUnitIds });
      return listRequests(tx, filter);
    }),
  ),

  /** Today's registered messages (Tehran day) per operator shift, within what the viewer may see. */
  shiftCounts: staffProcedure.query(({ ctx }) =>
    ctx.tenant((tx) => {
      const today = tehranDayAndMinute(ctx.now()).day;
      return countsByShift(tx, { tenantId: ctx.tenantId, scope: requestScope(viewerOf(ctx.session)), from: fromTehranDayMinute(today, 0), to: fromTehranDayMinute(today + 1, 0) });
    }),
  ),

  /** Open load per unit: open, overdue and due soon (the supervisor view). */
  load: cityRoleProcedure("supervisor", "city_admin", "manager").query(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const now = ctx.now();
      const units = await openLoadByUnit(tx, { tenantId: ctx.tenantId, now, soon: new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000) });
      // The API's clock, so lateness is measured the way the breach list was cut.
      return { now: now.toISOString(), units };
    }),
  ),

  /** Escalations, re-referrals and reopenings of the last days, newest first (the supervisor view). */
  routingEvents: cityRoleProcedure("supervisor", "city_admin", "manager")
    .input(ZRoutingEventsInput)
    .query(({ ctx, input }) =>
      ctx.tenant((tx) => {
        const since = new Date(ctx.now().getTime() - input.days * 86_400_000);
        return recentRoutingEvents(tx, { tenantId: ctx.tenantId, since, corruption: requestScope(viewerOf(ctx.session)).corruption, limit: 200 });
      }),
    ),

  /** Open messages of the same category near a point: possible duplicates, shown at intake. */
  nearby: staffProcedure.input(ZNearbyRequestsInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const box = boxAround(input, input.radiusMetres);
      const rows = await openRequestsInBox(tx, { tenantId: ctx.tenantId, categoryId: input.categoryId, ...box, limit: 50 });
      const viewer = viewerOf(ctx.session);
      return rows
        .filter((r) => canSeeRequest(viewer, r) && r.lat !== null && r.lon !== null)
        .map((r) => ({ ...r, metres: Math.round(distanceMetres(input, { lat: r.lat!, lon: r.lon! })) }))
        .filter((r) => r.metres <= input.radiusMetres)
        .sort((a, b) => a.metres - b.metres);
    }),
  ),

  transition: staffProcedure.input(ZTransitionRequestInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => changeRequest(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, viewer: viewerOf(ctx.session), now: ctx.now(), input })),
  ),
});

