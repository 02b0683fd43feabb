import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { formatDate, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { failureResponse } from "../lib/api.server";
import { attempt, text } from "../lib/forms.server";
import { requireCityUser } from "../lib/session.server";
import { protectedFieldErrors } from "../protected/messages";

/** core's PROTECTED_STATUSES (core itself is server-only: it imports node:crypto). */
const STATUSES = ["received", "in_review", "need_info", "closed"] as const;

/** One protected report, decrypted by the API for an inspector (the API records the opening). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  try {
    return { report: await api.protectedReport.get.query({ id: params.id! }) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  if (text(form, "intent") === "status") return attempt("status", () => api.protectedReport.setStatus.mutate({ id: params.id!, status: text(form, "status") as "closed" }));
  return attempt("ask", () => api.protectedReport.ask.mutate({ id: params.id!, text: text(form, "text") }));
}

export default function ProtectedReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { city } = useParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = protectedFieldErrors(t, outcome && !outcome.ok ? outcome.failure : undefined, locale);
  return (
    <section className="panel" data-testid="protected-report">
      <h1>{t("protected.inspector.number", { n: formatDigits(report.number, locale) })}</h1>
      <p className="help">{t("protected.inspector.intro")}</p>
      <p>
        <strong>{t("protected.view.status")}: </strong>
        <span data-testid="protected-status" data-status={report.status}>
          {t(`protected.states.${report.status}`)}
        </span>
        {" · "}
        {t("protected.view.received", { date: formatDate(report.receivedOn, locale) })}
      </p>
      <p style={{ whiteSpace: "pre-wrap" }} data-testid="protected-text">
        {report.text}
      </p>
      <ul data-testid="protected-entries">
        {report.entries.map((e) => (
          <li key={e.id} data-author={e.author}>
            <strong>{e.author === "inspector" ? t("protected.view.inspector") : t("protected.inspector.reporter")}</strong> · {formatDate(e.writtenOn, locale)}:{" "}
            {e.kind === "photo" ? (
              <a href={`/${city}/reports/${report.id}/photo/${e.id}`} download>
                {t("protected.inspector.photo", { kb: formatDigits(Math.ceil((e.sizeBytes ?? 0) / 1024), locale) })}
              </a>
            ) : (
              <span style={{ whiteSpace: "pre-wrap" }}>{e.text}</span>
            )}
          </li>
        ))}
      </ul>
      {outcome?.ok && <p className="notice" role="status">{outcome.intent === "ask" ? t("protected.inspector.asked") : t("protected.inspector.statusChanged")}</p>}
      <Form method="post" noValidate data-testid="protected-ask-form">
        <input type="hidden" name="intent" value="ask" />
        <label htmlFor="ask-text">{t("protected.inspector.ask")}</label>
        <p className="help">{t("protected.inspector.askHelp")}</p>
        <textarea id="ask-text" name="text" aria-describedby="ask-text-error" data-testid="protected-ask-text" />
        <FieldError id="ask-text-error" message={errors.text} />
        <button type="submit" className="primary" data-testid="protected-ask">
          {t("protected.inspector.askSubmit")}
        </button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="status" />
        <label htmlFor="status">{t("protected.inspector.status")}</label>
        <select id="status" name="status" defaultValue={report.status} data-testid="protected-status-select">
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`protected.states.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="protected-status-submit">
          {t("protected.inspector.statusSubmit")}
        </button>
      </Form>
    </section>
  );
}
