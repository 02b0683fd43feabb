import { DEFAULT_TEMPLATES, SMS_EVENTS, unknownPlaceholders, AppError } from "@city137/core";
import { getPortalSettings, listDeadOutbox, listSmsMessages, listSmsTemplates, setSmsTemplate, updatePortalSettings } from "@city137/db";
import { ZPortalSettingsInput, ZSmsListInput, ZSmsResendInput, ZSmsTemplateInput } from "@city137/validators";
import { resendDeadLetter } from "./resend";
import { cityAdminProcedure, cityRoleProcedure, router } from "../../trpc";

const smsStaff = cityRoleProcedure("city_admin", "supervisor");

/** The city's SMS as staff see it: what was sent (the development provider's inbox), dead letters, wording, portal limits. */
export const smsRouter = router({
  list: smsStaff.input(ZSmsListInput).query(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const messages = await listSmsMessages(tx, { tenantId: ctx.tenantId, to: input?.to, limit: 200 });
      // Out of attempts, never sent: shown so staff can tell the citizen another way.
      const dead = await listDeadOutbox(tx, { tenantId: ctx.tenantId, limit: 100 });
      return {
        messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), deliveredAt: m.deliveredAt?.toISOString() ?? null })),
        dead: dead.map((d) => {
          const p = (d.payload ?? {}) as { mobile?: string; trackingCode?: string };
          return { id: d.id, topic: d.topic, attempts: d.attempts, lastError: d.lastError, createdAt: d.createdAt.toISOString(), mobile: p.mobile ?? null, trackingCode: p.trackingCode ?? null };
        }),
      };
    }),
  ),

  templates: smsStaff.query(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const own = await listSmsTemplates(tx, { tenantId: ctx.tenantId });
      return SMS_EVENTS.flatMap((event) =>
        (["fa", "en"] as const).map((locale) => {
          const o = own.find((t) => t.event === event && t.locale === locale);
          return { event, locale, body: o?.body ?? DEFAULT_TEMPLATES[event][locale], custom: !!o, default: DEFAULT_TEMPLATES[event][locale] };
        }),
      );
    }),
  ),

  /** A city's own wording; an empty body returns to the default. */
  setTemplate: cityAdminProcedure.input(ZSmsTemplateInput).mutation(({ ctx, input }) => {
    const unknown = unknownPlaceholders(input.body);
    if (unknown.length) throw new AppError("BAD_REQUEST", "portal.errors.unknownPlaceholder", { field: "body", params: { name: unknown[0]! } });
    return ctx.tenant(async (tx) => {
      await setSmsTemplate(tx, { tenantId: ctx.tenantId, event: input.event, locale: input.locale, body: input.body, by: ctx.session.user.id });
      return { event: input.event, locale: input.locale };
    });
  }),

  settings: smsStaff.query(({ ctx }) =>
    ctx.tenant(async (tx) => {
      const { signingSecret: _s, ...visible } = await getPortalSettings(tx, { tenantId: ctx.tenantId });
      return settingsView(visible);
    }),
  ),

  updateSettings: cityAdminProcedure.input(ZPortalSettingsInput).mutation(({ ctx, input }) =>
    ctx.tenant(async (tx) => {
      const s = await updatePortalSettings(tx, { tenantId: ctx.tenantId, values: input });
      return settingsView(s);
    }),
  ),

  /** A dead letter sent again: one click, audited; a second click while it is on its way does nothing. */
  resend: smsStaff.input(ZSmsResendInput).mutation(({ ctx, input }) =>
    ctx.tenant((tx) => resendDeadLetter(tx, { tenantId: ctx.tenantId, actorId: ctx.session.user.id, ip: ctx.ip ?? null, id: input.id })),
  ),
});

function settingsView(s: { reopenWindowDays: number; otpPerMobileDaily: number; otpPerClientDaily: number; otpPerCityDaily: number; publicMessages: boolean }) {
  return { reopenWindowDays: s.reopenWindowDays, otpPerMobileDaily: s.otpPerMobileDaily, otpPerClientDaily: s.otpPerClientDaily, otpPerCityDaily: s.otpPerCityDaily, publicMessages: s.publicMessages };
}
