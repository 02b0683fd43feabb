import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { formatDate, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { attempt, text } from "../lib/forms.server";
import { portalApi } from "../portal/api.server";
import { portalFieldErrors, portalMessage } from "../portal/messages";
import { localeField } from "../portal/submit.server";
import { citizenSessionOf, withCitizenSession } from "../portal/session.server";
import { OtpForms } from "../portal/otp-forms";
import { RecognitionForm } from "../portal/recognition-form";
import { usePortalCity } from "../portal/use-city";

/** A verified citizen's messages in this city; without a session, the one-time-code form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await citizenSessionOf(request, params.city!);
  if (!session) return { mine: null };
  const outcome = await attempt("mine", async () => (await portalApi(request)).portal.mine.query({ city: params.city!, session }));
  if (outcome.ok) return { mine: outcome.result };
  return { mine: null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const city = params.city!;
  const form = await request.formData();
  const intent = text(form, "intent");
  const api = await portalApi(request);
  if (intent === "send") {
    const mobile = text(form, "mobile");
    const outcome = await attempt("send", () => api.portal.otpRequest.mutate({ city, mobile, locale: localeField(form) }));
    return { ...outcome, mobile };
  }
  if (intent === "verify") {
    const mobile = text(form, "mobile");
    const outcome = await attempt("verify", () => api.portal.otpVerify.mutate({ city, mobile, code: text(form, "code") }));
    if (!outcome.ok) return { ...outcome, mobile };
    return redirect(`/p/${city}/me`, { headers: { "set-cookie": await withCitizenSession(request, city, outcome.result.token) } });
  }
  if (intent === "signOut") return redirect(`/p/${city}/me`, { headers: { "set-cookie": await withCitizenSession(request, city, null) } });
  const session = (await citizenSessionOf(request, city)) ?? "";
  const trackingCode = text(form, "trackingCode");
  if (intent === "recognition") {
    const consent = text(form, "consent") === "1";
    const name = text(form, "name").trim() || null;
    return { ...(await attempt("recognition", () => api.portal.recognition.mutate({ city, session, consent, name }))), mobile: "", code: "" };
  }
  if (intent === "addInfo") return { ...(await attempt("addInfo", () => api.portal.addInfo.mutate({ city, session, trackingCode, text: text(form, "text") }))), mobile: "", code: trackingCode };
  return { ...(await attempt("reopen", () => api.portal.reopen.mutate({ city, session, trackingCode, reason: text(form, "reason") }))), mobile: "", code: trackingCode };
}

export default function PortalMine() {
  const { mine } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const failure = outcome && !outcome.ok ? outcome.failure : undefined;
  const errors = portalFieldErrors(t, failure, locale);
  const { shortNumber } = usePortalCity();
  const general = failure && Object.keys(errors).length === 0 ? portalMessage(t, failure, locale, { number: shortNumber }) : null;

  if (!mine) {
    const sentTo = outcome && (outcome.intent === "send" ? (outcome.ok ? outcome.mobile : null) : outcome.intent === "verify" ? outcome.mobile : null);
    return (
      <section className="panel">
        <h1>{t("portal.mine.title")}</h1>
        <p className="help">{t("portal.mine.intro")}</p>
        {general && (
          <p className="form-error" role="alert" data-testid="mine-error">
            {general}
          </p>
        )}
        <OtpForms sentTo={sentTo} errors={errors} busy={busy} verifyLabel={t("portal.mine.verify")} verifyTestId="otp-verify" changeNumberTo={`/p/${city}/me`} />
      </section>
    );
  }

  return (
    <section className="panel" data-testid="mine">
      <h1>{t("portal.mine.title")}</h1>
      <div className="point-row">
        <p data-testid="verified-as">{t("portal.mine.verifiedAs", { mobile: formatDigits(mine.mobile, locale) })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="signOut" />
          <button type="submit" className="secondary small">
            {t("portal.mine.signOut")}
          </button>
        </Form>
      </div>
      {outcome?.ok && outcome.intent === "addInfo" && (
        <p className="notice" role="status" data-testid="info-added">
          {t("portal.mine.infoAdded")}
        </p>
      )}
      {outcome?.ok && outcome.intent === "reopen" && (
        <p className="notice" role="status" data-testid="reopened">
          {t("portal.mine.reopened")}
        </p>
      )}
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      <RecognitionForm recognition={mine.recognition} busy={busy} nameError={outcome?.intent === "recognition" ? errors.name : undefined} saved={Boolean(outcome?.ok && outcome.intent === "recognition")} />
      {mine.requests.length === 0 && <p>{t("portal.mine.empty")}</p>}
      <ul className="my-list" data-testid="my-messages">
        {mine.requests.map((r) => {
          const here = outcome && "code" in outcome && outcome.code === r.trackingCode ? errors : {};
          return (
            <li key={r.trackingCode} data-code={r.trackingCode}>
              <p>
                <strong dir="ltr">{formatDigits(r.trackingCode, locale)}</strong> · {locale === "fa" ? r.category.nameFa : r.category.nameEn} · {formatDate(r.createdAt, locale)}
              </p>
              <p className="status-big" data-status={r.status}>
                {t(`portal.states.${r.status}`)}
              </p>
              <p className="help">{r.description}</p>
              {r.canAddInfo && (
                <details>
                  <summary>{t("portal.mine.addInfo")}</summary>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="addInfo" />
                    <input type="hidden" name="trackingCode" value={r.trackingCode} />
                    <label htmlFor={`text-${r.trackingCode}`}>{t("portal.fields.text")}</label>
                    <textarea id={`text-${r.trackingCode}`} name="text" rows={3} maxLength={2000} data-testid="add-info-text" />
                    <FieldError id={`text-${r.trackingCode}-error`} message={here.text} />
                    <button type="submit" disabled={busy} data-testid="add-info-send">
                      {t("portal.mine.addInfoSend")}
                    </button>
                  </Form>
                </details>
              )}
              {r.canReopen && (
                <details>
                  <summary>{t("portal.mine.reopen")}</summary>
                  <Form method="post" noValidate>
                    <p className="help">{t("portal.mine.reopenHelp", { days: formatDigits(mine.reopenWindowDays, locale) })}</p>
                    <input type="hidden" name="intent" value="reopen" />
                    <input type="hidden" name="trackingCode" value={r.trackingCode} />
                    <label htmlFor={`reason-${r.trackingCode}`}>{t("portal.fields.reason")}</label>
                    <textarea id={`reason-${r.trackingCode}`} name="reason" rows={3} maxLength={2000} data-testid="reopen-reason" />
                    <FieldError id={`reason-${r.trackingCode}-error`} message={here.reason} />
                    <button type="submit" disabled={busy} data-testid="reopen-send">
                      {t("portal.mine.reopenSend")}
                    </button>
                  </Form>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
