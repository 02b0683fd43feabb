import { notFound } from "@city137/core";
import { insertApiKey, listApiKeys, recordAudit, revokeApiKey } from "@city137/db";
import { ZCreateApiKeyInput, ZRevokeApiKeyInput } from "@city137/validators";
import { newApiKey } from "../../open311/keys";
import { cityAdminProcedure, router } from "../../trpc";

/** Open311 API keys of the city, for its admins: only hashes are kept; the secret is in create's answer and nowhere else. */
export const apiKeyRouter = router({
  list: cityAdminProcedure.query(({ ctx }) => ctx.tenant((tx) => listApiKeys(tx, { tenantId: ctx.tenantId }))),

  create: cityAdminProcedure.input(ZCreateApiKeyInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const { secret, hash, prefix } = newApiKey();
      const key = await insertApiKey(tx, { tenantId: ctx.tenantId, label: input.label, keyHash: hash, prefix, createdBy: ctx.session.user.id, at: ctx.now() });
      await recordAudit(tx, ctx.tenantId, { action: "open311.api_key_created", actorId: ctx.session.user.id, targetType: "api_key", targetId: key.id, detail: { label: key.label, prefix }, ip: ctx.ip });
      return { ...key, secret };
    }),
  ),

  /** Revoked at once for every instance (keys are looked up on each use); revoking twice changes nothing. */
  revoke: cityAdminProcedure.input(ZRevokeApiKeyInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const outcome = await revokeApiKey(tx, { tenantId: ctx.tenantId, id: input.id, at: ctx.now() });
      if (!outcome) throw notFound();
      if (outcome.changed) {
        await recordAudit(tx, ctx.tenantId, { action: "open311.api_key_revoked", actorId: ctx.session.user.id, targetType: "api_key", targetId: outcome.key.id, detail: { label: outcome.key.label, prefix: outcome.key.prefix }, ip: ctx.ip });
      }
      return outcome.key;
    }),
  ),
});
