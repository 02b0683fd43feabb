import { signLink } from "@city137/core";
import { findPortalCity, findSmsByDedupeKey, getPortalSettings, listSmsTemplates, recordSms, type Tx } from "@city137/db";
import type { Dispatcher, JobLog, OutboxMessage } from "@city137/jobs";
import type { SmsProvider } from "./provider";
import { DEFAULT_TEMPLATES, isSmsEvent, renderSms, type SmsEvent, type SmsLocale } from "@city137/core";

export interface SmsDispatcherOptions {
  provider: SmsProvider;
  /** Where citizens open the portal, e.g. https://137.example.ir (links in the SMS). */
  portalUrl: string;
  /** For topics that are not SMS. */
  fallback?: Dispatcher;
  log?: JobLog;
}

/** What the API writes into an `sms.*` outbox row. */
interface SmsPayload {
  mobile?: string;
  requestId?: string;
  trackingCode?: string;
  note?: string;
  otp?: string;
  /** Someone who joined the message ("me too"): told the answer, but the feedback link is the citizen's. */
  supporter?: boolean;
  /** The language the citizen used on the portal; absent or null: the city's default language. */
  locale?: SmsLocale | null;
}

/**
 * The outbox's SMS door: `sms.<event>` rows become one SMS each, in the
 * city's wording, in the citizen's language (the city's default when unknown), recorded in sms_messages (in a savepoint of
 * the relay's transaction). A dedupe key already recorded as sent is not
 * sent again, so a relay that crashed after sending does not repeat itself.
 * A provider failure is recorded and thrown: the outbox retries with backoff
 * and, out of attempts, keeps the row as a dead letter for staff.
 */
export function smsDispatcher(opts: SmsDispatcherOptions): Dispatcher {
  const base = opts.portalUrl.replace(/\/$/, "");
  return {
    dispatch: async (m: OutboxMessage) => {
      if (!m.topic.startsWith("sms.")) {
        if (opts.fallback) return opts.fallback.dispatch(m);
        throw new Error(`no dispatcher for topic ${m.topic}`);
      }
      const event = m.topic.slice(4);
      if (!isSmsEvent(event)) throw new Error(`unknown SMS event ${event}`);
      if (!m.tx) throw new Error("the SMS dispatcher needs the relay's transaction");
      const failure = await m.tx.transaction((sp) => sendOne(sp, m, event, base, opts));
      if (failure) throw new Error(failure);
    },
  };
}

async function sendOne(tx: Tx, m: OutboxMessage, event: SmsEvent, base: string, opts: SmsDispatcherOptions): Promise<string | null> {
  const { tenantId } = m;
  const p = (m.payload ?? {}) as SmsPayload;
  const earlier = await findSmsByDedupeKey(tx, { tenantId, dedupeKey: m.dedupeKey });
  if (earlier?.status === "sent") return null;
  if (!p.mobile) throw new Error("SMS payload without a mobile");
  const city = await findPortalCity(tx, { id: tenantId });
  if (!city) throw new Error("SMS for an unknown city");
  const locale: SmsLocale = p.locale === "fa" || p.locale === "en" ? p.locale : city.defaultLocale;
  const own = (await listSmsTemplates(tx, { tenantId })).find((t) => t.event === event && t.locale === locale);
  const settings = await getPortalSettings(tx, { tenantId });
  const link = p.requestId && p.trackingCode ? linkFor(base, city.slug, p.supporter ? "request_supporter" : event, p.trackingCode, settings.signingSecret, p.requestId) : undefined;
  const body = renderSms(own?.body ?? DEFAULT_TEMPLATES[event][locale], {
    city: locale === "fa" ? city.nameFa : city.nameEn,
    code: p.trackingCode,
    link,
    note: p.note,
    otp: p.otp,
    shortNumber: city.shortNumber,
  });
  const row = { tenantId, dedupeKey: m.dedupeKey, event, requestId: p.requestId ?? null, to: p.mobile, body, locale, provider: opts.provider.name };
  try {
    const sent = await opts.provider.send({ to: p.mobile, body, sender: city.smsSender, localId: m.id });
    await recordSms(tx, { ...row, status: "sent", providerMessageId: sent.providerMessageId, deliveryStatus: sent.deliveryStatus, deliveredAt: sent.deliveryStatus === "delivered" ? new Date() : null });
    opts.log?.info({ tenantId, outboxId: m.id, event, provider: opts.provider.name }, "sms sent");
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordSms(tx, { ...row, status: "failed", error: message.slice(0, 500) });
    return message;
  }
}

/** Resolution links to the feedback page, the rest to the message's page; both signed so no other proof is asked. */
function linkFor(base: string, slug: string, event: SmsEvent | "request_supporter", code: string, secret: string, requestId: string): string {
  if (event === "request_resolved") return `${base}/p/${slug}/f/${code}?s=${signLink(secret, "feedback", requestId)}`;
  return `${base}/p/${slug}/t/${code}?s=${signLink(secret, "track", requestId)}`;
}
