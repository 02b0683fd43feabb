import { AppError, DEFAULT_FORMULA, notFound, periodKey, periodRange, rank, tehranDayAndMinute, validateFormula } from "@city137/core";
import { getScoringFormula, insertScoringFormula, listScoringFormulas, rankingFacts, recordAudit } from "@city137/db";
import { ZRankingInput, ZSaveFormulaInput } from "@city137/validators";
import { cityAdminProcedure, cityRoleProcedure, router } from "../../trpc";
import { REPORT_ROLES } from "../insight/range";

export const rankingRouter = router({
  /** The current formula and every saved version (version 0 is the built-in default). */
  formulas: cityRoleProcedure(...REPORT_ROLES).query(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const saved = await listScoringFormulas(tx, { tenantId: ctx.tenantId });
      return { current: saved[0] ?? { ...DEFAULT_FORMULA, note: null, createdAt: null }, versions: saved, defaultFormula: DEFAULT_FORMULA };
    }),
  ),

  /** New weights become the next version; earlier versions stay as they were. */
  saveFormula: cityAdminProcedure.input(ZSaveFormulaInput).mutation(({ ctx, input }) => {
    const errors = validateFormula(input);
    const [field] = Object.keys(errors);
    if (field) throw new AppError("BAD_REQUEST", errors[field]!, { field, fieldErrors: errors });
    // The version row records who saved which weights and when; the audit log says so among the city's other changes.
    return ctx.tenant(async (tx) => {
      const previous = (await listScoringFormulas(tx, { tenantId: ctx.tenantId }))[0] ?? DEFAULT_FORMULA;
      const saved = await insertScoringFormula(tx, { tenantId: ctx.tenantId, createdBy: ctx.session.user.id, formula: input, note: input.note ?? null });
      const facts = (f: typeof saved | typeof DEFAULT_FORMULA) => ({ version: f.version, weights: f.weights, minVolume: f.minVolume, targetHours: f.targetHours });
      await recordAudit(tx, ctx.tenantId, {
        action: "config.scoring_weights_changed",
        actorId: ctx.session.user.id,
        targetType: "scoring_formula",
        targetId: String(saved.version),
        detail: { from: facts(previous), to: facts(saved), note: saved.note },
        ip: ctx.ip,
      });
      return saved;
    });
  }),

  /** Units or regions of a Jalali month or year, scored by a formula version, each score with its parts. */
  list: cityRoleProcedure(...REPORT_ROLES)
    .input(ZRankingInput)
    .query(({ ctx, input }) =>
      ctx.tenant(async (tx) => {
        const formula =
          input.version === undefined
            ? ((await listScoringFormulas(tx, { tenantId: ctx.tenantId }))[0] ?? DEFAULT_FORMULA)
            : input.version === 0
              ? DEFAULT_FORMULA
              : await getScoringFormula(tx, { tenantId: ctx.tenantId, version: input.version });
        if (!formula) throw notFound();
        const { from, to } = periodRange(input.period);
        // Periods are whole Tehran days: read from the daily rollup where it is current (ADR 025).
        const days = { fromDay: tehranDayAndMinute(from).day, toDay: tehranDayAndMinute(to).day };
        const facts = await rankingFacts(tx, { tenantId: ctx.tenantId, by: input.level, ...days, now: ctx.now(), targetHours: formula.targetHours });
        const f = { version: formula.version, weights: formula.weights, minVolume: formula.minVolume, targetHours: formula.targetHours };
        return { period: periodKey(input.period), level: input.level, from: from.toISOString(), to: to.toISOString(), formula: f, rows: rank(facts, f) };
      }),
    ),
});
