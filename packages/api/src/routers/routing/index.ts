import { AppError, validateRoutingTree, type RoutingTree } from "@city137/core";
import { getRoutingVersion, listRoutingVersions, publishRoutingDraft, recordAudit, saveRoutingDraft } from "@city137/db";
import { ZReplayRoutingInput, ZRestoreRoutingInput, ZSaveRoutingDraftInput, ZSimulateRoutingInput } from "@city137/validators";
import { cityAdminProcedure, cityRoleProcedure, router } from "../../trpc";
import { knownIds } from "./known-ids";
import { replayDraft } from "./replay";
import { simulateRouting } from "./simulate";

const invalidTree = (problems: Array<{ path: string; messageKey: string }>) =>
  new AppError("BAD_REQUEST", "errors.routing.invalidTree", {
    fieldErrors: Object.fromEntries(problems.map((p) => [p.path, p.messageKey])),
    params: { count: problems.length },
  });

export const routingRouter = router({
  /** The live tree, the draft (if any) and the list of versions. */
  get: cityRoleProcedure("city_admin", "supervisor", "manager").query(({ ctx }) =>
    ctx.tenant(async (tx) => ({
      published: await getRoutingVersion(tx, { tenantId: ctx.tenantId, status: "published" }),
      draft: await getRoutingVersion(tx, { tenantId: ctx.tenantId, status: "draft" }),
      versions: await listRoutingVersions(tx, { tenantId: ctx.tenantId }),
    })),
  ),

  /** Edits go to the draft; it is checked against the city's units, categories and areas. */
  saveDraft: cityAdminProcedure.input(ZSaveRoutingDraftInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const problems = validateRoutingTree(input.tree as RoutingTree, await knownIds(tx, ctx.tenantId));
      if (problems.length) throw invalidTree(problems);
      const saved = await saveRoutingDraft(tx, { tenantId: ctx.tenantId, tree: input.tree as RoutingTree, note: input.note, actorId: ctx.session.user.id });
      await recordAudit(tx, ctx.tenantId, { action: "config.routing_draft_saved", actorId: ctx.session.user.id, targetType: "routing_version", targetId: saved.id, detail: { rules: input.tree.rules.length }, ip: ctx.ip });
      return { ...saved, problems };
    }),
  ),

  publish: cityAdminProcedure.mutation(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const draft = await getRoutingVersion(tx, { tenantId: ctx.tenantId, status: "draft" });
      if (!draft) throw new AppError("NOT_FOUND", "errors.routing.noDraft");
      // Units may have been deactivated since the draft was saved.
      const problems = validateRoutingTree(draft.tree as RoutingTree, await knownIds(tx, ctx.tenantId));
      if (problems.length) throw invalidTree(problems);
      const live = await publishRoutingDraft(tx, { tenantId: ctx.tenantId, draftId: draft.id, actorId: ctx.session.user.id, at: ctx.now() });
      await recordAudit(tx, ctx.tenantId, { action: "config.routing_published", actorId: ctx.session.user.id, targetType: "routing_version", targetId: live.id, detail: { number: live.number }, ip: ctx.ip });
      return live;
    }),
  ),

  /** An earlier version becomes the draft again, to be reviewed and published. */
  restore: cityAdminProcedure.input(ZRestoreRoutingInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const old = await getRoutingVersion(tx, { tenantId: ctx.tenantId, id: input.versionId });
      if (!old) throw new AppError("NOT_FOUND", "errors.notFound");
      const draft = await saveRoutingDraft(tx, { tenantId: ctx.tenantId, tree: old.tree as RoutingTree, note: `↩ ${old.number}`, actorId: ctx.session.user.id });
      await recordAudit(tx, ctx.tenantId, { action: "config.routing_restored", actorId: ctx.session.user.id, targetType: "routing_version", targetId: old.id, detail: { from: old.number }, ip: ctx.ip });
      return draft;
    }),
  ),

  /** Before publishing: the draft replayed over the newest real messages, against the live tree. */
  replay: cityRoleProcedure("city_admin", "supervisor").input(ZReplayRoutingInput).query(({ ctx, input }) =>
    ctx.tenant((tx) => replayDraft(tx, { tenantId: ctx.tenantId, limit: input.limit })),
  ),

  simulate: cityRoleProcedure("city_admin", "supervisor", "operator").input(ZSimulateRoutingInput).query(({ ctx, input }) =>
    ctx.tenant((tx) => simulateRouting(tx, { tenantId: ctx.tenantId, districts: ctx.districts, now: ctx.now(), input })),
  ),
});
