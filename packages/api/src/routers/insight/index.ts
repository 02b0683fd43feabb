import { ageingRange, type AgeingBucket } from "@city137/core";
import { consentedNames, councilProblems, engagedCitizens, listFigureMessages, rolledFigureTotal } from "@city137/db";
import { ZCitizensInput, ZCouncilInput, ZInsightDashboardInput, ZInsightMapInput, ZInsightMessagesInput } from "@city137/validators";
import { cityRoleProcedure, router } from "../../trpc";
import { dashboard } from "./dashboard";
import { insightMap, requireOwnCategory } from "./map";
import { DASHBOARD_ROLES, REPORT_ROLES, dayRange, scopeOf } from "./range";

/** 0912***6789: how a citizen who has not consented to be named is shown. */
export const maskMobile = (m: string) => `${m.slice(0, 4)}***${m.slice(-4)}`;

export const insightRouter = router({
  /** Volume, shifts, top categories, growth and service figures for a range of Tehran days. */
  dashboard: cityRoleProcedure(...DASHBOARD_ROLES)
    .input(ZInsightDashboardInput)
    .query(({ ctx, input }) => ctx.tenant((tx) => dashboard(tx, { tenantId: ctx.tenantId, scope: scopeOf(ctx.session), now: ctx.now(), input }))),

  /** Districts' volume, compliance and satisfaction, and a heatmap, for a range and optionally one category. */
  map: cityRoleProcedure(...DASHBOARD_ROLES)
    .input(ZInsightMapInput)
    .query(({ ctx, input }) => ctx.tenant((tx) => insightMap(tx, { tenantId: ctx.tenantId, scope: scopeOf(ctx.session), now: ctx.now(), input }))),

  /** The messages behind one figure: same scope, same predicate as the figure. */
  messages: cityRoleProcedure(...DASHBOARD_ROLES)
    .input(ZInsightMessagesInput)
    .query(({ ctx, input }) =>
      ctx.tenant(async (tx) => {
        await requireOwnCategory(tx, ctx.tenantId, input.categoryId);
        const r = input.from && input.to ? dayRange(input.from, input.to) : null;
        const age = input.ageing ? ageingRange(input.ageing as AgeingBucket) : null;
        const scope = scopeOf(ctx.session);
        // A range without category or age filter: the total is the dashboard's figure, from the rollup (ADR 025).
        const total =
          r && !age && !input.categoryId
            ? await rolledFigureTotal(tx, { tenantId: ctx.tenantId, scope, fromDay: r.fromDay, toDay: r.toDay, group: input.group, slice: input.slice, now: ctx.now() })
            : null;
        return listFigureMessages(tx, {
          tenantId: ctx.tenantId,
          scope,
          total: total ?? undefined,
          from: r?.from,
          to: r?.to,
          slice: input.slice,
          categoryId: input.categoryId,
          group: input.group,
          now: ctx.now(),
          targetHours: input.targetHours,
          ageHours: age ? { min: age.minHours, max: age.maxHours } : undefined,
          limit: input.limit,
          offset: input.offset,
        });
      }),
    ),

  /** The most engaged citizens of a range, by masked mobile. */
  citizens: cityRoleProcedure(...REPORT_ROLES)
    .input(ZCitizensInput)
    .query(({ ctx, input }) =>
      ctx.tenant(async (tx) => {
        const r = dayRange(input.from, input.to);
        // From the citizen rollup, stale days from the messages: the same table as the raw ranking (ADR 026).
        const rows = await engagedCitizens(tx, { tenantId: ctx.tenantId, fromDay: r.fromDay, toDay: r.toDay, limit: input.limit });
        // Named only with the citizen's standing consent; otherwise the masked mobile.
        const names = await consentedNames(tx, { tenantId: ctx.tenantId, mobiles: rows.map((x) => x.mobile) });
        return rows.map(({ mobile, ...rest }, i) => ({ rank: i + 1, citizen: maskMobile(mobile), name: names.get(mobile) ?? null, ...rest }));
      }),
    ),

  /** Recurring problems by category and region, with the period before for the trend. */
  council: cityRoleProcedure(...REPORT_ROLES)
    .input(ZCouncilInput)
    .query(({ ctx, input }) =>
      ctx.tenant((tx) => {
        const r = dayRange(input.from, input.to);
        return councilProblems(tx, { tenantId: ctx.tenantId, from: r.from, to: r.to, minCount: input.minCount, limit: input.limit });
      }),
    ),
});
