import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FormFeedback } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, text } from "../lib/forms.server";
import { requireSmsStaff, TEMPLATE_PLACEHOLDERS } from "../portal/staff.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api, isAdmin } = await requireSmsStaff(request, params.city!);
  const to = new URL(request.url).searchParams.get("to")?.trim() || undefined;
  try {
    const [log, templates, settings] = await Promise.all([api.sms.list.query({ to }), api.sms.templates.query(), api.sms.settings.query()]);
    return { ...log, templates, settings, isAdmin, placeholders: [...TEMPLATE_PLACEHOLDERS] };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireSmsStaff(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "settings") {
    return attempt(intent, () =>
      api.sms.updateSettings.mutate({
        reopenWindowDays: numberOrNull(f, "reopenWindowDays") as number,
        otpPerMobileDaily: numberOrNull(f, "otpPerMobileDaily") as number,
        otpPerClientDaily: numberOrNull(f, "otpPerClientDaily") as number,
        otpPerCityDaily: numberOrNull(f, "otpPerCityDaily") as number,
        publicMessages: f.get("publicMessages") === "on",
      }),
    );
  }
  if (intent === "resend") return attempt(intent, () => api.sms.resend.mutate({ id: text(f, "id") }));
  return attempt("template", () => api.sms.setTemplate.mutate({ event: text(f, "event") as never, locale: text(f, "locale") as never, body: text(f, "body") }));
}

/** What the city texted citizens (the development provider's inbox), what never left, and the wording. */
export default function SmsPage() {
  const { messages, dead, templates, settings, isAdmin, placeholders } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <section className="panel">
        <h1>{t("portal.sms.title")}</h1>
        <p className="help">{t("portal.sms.help")}</p>
        <Form method="get" className="inline-form">
          <label htmlFor="to" className="visually-hidden">
            {t("portal.sms.filter")}
          </label>
          <input id="to" name="to" dir="ltr" placeholder={t("portal.sms.filter")} defaultValue={search.get("to") ?? ""} data-testid="sms-filter" />
          <button type="submit" className="secondary">
            {t("portal.sms.filterSend")}
          </button>
        </Form>
        {messages.length === 0 ? (
          <p data-testid="sms-empty">{t("portal.sms.empty")}</p>
        ) : (
          <table className="data-table" data-testid="sms-table">
            <thead>
              <tr>
                <th>{t("portal.sms.at")}</th>
                <th>{t("portal.sms.to")}</th>
                <th>{t("portal.sms.event")}</th>
                <th>{t("portal.sms.body")}</th>
                <th>{t("portal.sms.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-event={m.event} data-to={m.to}>
                  <td>{formatDateTime(m.createdAt, locale)}</td>
                  <td dir="ltr">{m.to}</td>
                  <td>{t(`portal.sms.events.${m.event}`)}</td>
                  <td className="sms-body" style={{ whiteSpace: "pre-wrap" }}>
                    {m.body}
                  </td>
                  <td>
                    {t(`portal.sms.statuses.${m.status}`)} · {m.status === "sent" ? t(`portal.sms.delivery.${m.deliveryStatus}`) : m.error}
                    <br />
                    <span className="muted">{m.provider}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" data-testid="sms-dead">
        <h2>{t("portal.sms.dead")}</h2>
        <p className="help">{t("portal.sms.deadHelp")}</p>
        {outcome?.intent === "resend" &&
          (outcome.ok ? (
            <p className="notice" role="status" data-testid="sms-resent">
              {t("requeued" in outcome.result && outcome.result.requeued ? "portal.sms.resent" : "portal.sms.resentAlready")}
            </p>
          ) : (
            <FormFeedback outcome={outcome} success="" />
          ))}
        {dead.length === 0 ? (
          <p>{t("portal.sms.deadEmpty")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("portal.sms.at")}</th>
                <th>{t("portal.sms.to")}</th>
                <th>{t("portal.sms.event")}</th>
                <th>{t("portal.sms.attempts")}</th>
                <th>{t("portal.sms.lastError")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {dead.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.createdAt, locale)}</td>
                  <td dir="ltr">{d.mobile}</td>
                  <td>
                    {d.topic.startsWith("sms.") ? t(`portal.sms.events.${d.topic.slice(4)}`, { defaultValue: d.topic }) : d.topic}
                    {d.trackingCode && <span className="muted"> · {formatDigits(d.trackingCode, locale)}</span>}
                  </td>
                  <td>{formatDigits(d.attempts, locale)}</td>
                  <td dir="ltr">{d.lastError}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="resend" />
                      <input type="hidden" name="id" value={d.id} />
                      <button type="submit" className="small" disabled={busy} data-testid="sms-resend">
                        {t("portal.sms.resend")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("portal.sms.templates")}</h2>
        <p className="help">{t("portal.sms.templatesHelp", { list: placeholders.map((p) => `{{${p}}}`).join(locale === "fa" ? "، " : ", ") })}</p>
        {outcome?.intent === "template" && <FormFeedback outcome={outcome} success={t("portal.sms.saved")} />}
        <div className="two-col">
          {templates.map((tpl) => (
            <Form method="post" key={`${tpl.event}-${tpl.locale}`} className="action-form">
              <input type="hidden" name="intent" value="template" />
              <input type="hidden" name="event" value={tpl.event} />
              <input type="hidden" name="locale" value={tpl.locale} />
              <label htmlFor={`tpl-${tpl.event}-${tpl.locale}`}>
                {t(`portal.sms.events.${tpl.event}`)} · {tpl.locale === "fa" ? "فارسی" : "English"} {tpl.custom && <span className="tag">{t("portal.sms.custom")}</span>}
              </label>
              <textarea id={`tpl-${tpl.event}-${tpl.locale}`} name="body" rows={4} defaultValue={tpl.custom ? tpl.body : ""} placeholder={tpl.default} dir={tpl.locale === "fa" ? "rtl" : "ltr"} readOnly={!isAdmin} style={{ inlineSize: "100%" }} />
              {isAdmin && (
                <button type="submit" className="small">
                  {t("portal.sms.save")}
                </button>
              )}
            </Form>
          ))}
        </div>
      </section>
      <section className="panel">
        <h2>{t("portal.sms.settings")}</h2>
        {outcome?.intent === "settings" && <FormFeedback outcome={outcome} success={t("portal.sms.saved")} />}
        <Form method="post" className="form-grid">
          <input type="hidden" name="intent" value="settings" />
          {(["reopenWindowDays", "otpPerMobileDaily", "otpPerClientDaily", "otpPerCityDaily"] as const).map((k) => (
            <div key={k}>
              <label htmlFor={k}>{t(`portal.sms.${k}`)}</label>
              <input id={k} name={k} inputMode="numeric" dir="ltr" defaultValue={settings[k]} readOnly={!isAdmin} />
            </div>
          ))}
          <div className="wide">
            <label>
              <input type="checkbox" name="publicMessages" defaultChecked={settings.publicMessages} disabled={!isAdmin} data-testid="public-messages-toggle" /> {t("portal.sms.publicMessages")}
            </label>
          </div>
          {isAdmin && (
            <div className="wide">
              <button type="submit">{t("portal.sms.save")}</button>
            </div>
          )}
        </Form>
      </section>
    </>
  );
}
