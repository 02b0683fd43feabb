import type { ActionFunctionArgs, LinksFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import type { ApiFailure } from "../lib/api.server";
import { protectedFieldErrors, protectedMessage } from "../protected/messages";
import protectedStyles from "../protected/protected.css?url";
import { protectedAction } from "../protected/report.server";
import { ReportView, type ReporterView } from "../protected/report-view";
import { noScriptsHandle, protectedHeaders } from "../protected/security";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: protectedStyles }];
export const headers = protectedHeaders;
export const handle = noScriptsHandle;

export const action = ({ request, params }: ActionFunctionArgs) => protectedAction(request, params.city!);

type Outcome = {
  ok: boolean;
  intent: string;
  result?: unknown;
  failure?: ApiFailure;
  receipt?: string;
  draft?: string;
  view?: ReporterView | null;
};

/**
 * The protected channel for corruption and violation reports (docs/decisions/017):
 * no account, no mobile; a receipt to come back with. Works without JavaScript
 * (none is sent), every step a plain form post.
 */
export default function ProtectedReportPage() {
  const outcome = useActionData<typeof action>() as Outcome | undefined;
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = protectedFieldErrors(t, outcome?.failure, locale);
  const message = outcome?.failure && Object.keys(errors).length === 0 ? protectedMessage(t, outcome.failure, locale) : null;

  let body;
  if (outcome?.ok && outcome.intent === "submit") {
    const r = outcome.result as { receipt: string; grouped: string; photos: number };
    body = (
      <section data-testid="protected-done">
        <h2>{t("protected.done.title")}</h2>
        <p>{t("protected.done.receipt")}</p>
        <p className="receipt" data-testid="protected-receipt" data-receipt={r.receipt}>
          {formatDigits(r.grouped, locale)}
        </p>
        <p className="warning" role="alert">
          {t("protected.done.warning")}
        </p>
        <p>{t("protected.done.next")}</p>
        {r.photos > 0 && <p className="notice">{t("protected.done.photos", { n: formatDigits(r.photos, locale) })}</p>}
        <FollowForm />
      </section>
    );
  } else if ((outcome?.ok && (outcome.intent === "follow" || outcome.intent === "reply")) || outcome?.view) {
    const view = (outcome!.ok ? outcome!.result : outcome!.view) as ReporterView;
    body = <ReportView view={view} receipt={outcome!.receipt ?? ""} replyError={errors.text ?? errors.files ?? message ?? undefined} replied={outcome!.ok && outcome!.intent === "reply"} />;
  } else {
    const failedFollow = outcome && !outcome.ok && outcome.intent === "follow";
    const failedSubmit = outcome && !outcome.ok && outcome.intent === "submit";
    body = (
      <>
        <ul className="protections">
          {(["p1", "p2", "p3", "p4", "p5"] as const).map((k) => (
            <li key={k}>{t(`protected.${k}`)}</li>
          ))}
        </ul>
        <p className="help">{t("protected.advice")}</p>
        <Form method="post" encType="multipart/form-data" noValidate data-testid="protected-form">
          <h2>{t("protected.newReport")}</h2>
          {failedSubmit && message && (
            <p className="form-error" role="alert">
              {message}
            </p>
          )}
          <input type="hidden" name="intent" value="submit" />
          <label htmlFor="text">{t("protected.fields.text")}</label>
          <p className="help" id="text-help">
            {t("protected.fields.textHelp")}
          </p>
          <textarea id="text" name="text" defaultValue={outcome?.draft ?? ""} aria-invalid={(failedSubmit && !!errors.text) || undefined} aria-describedby="text-help text-error" data-testid="protected-text" />
          <FieldError id="text-error" message={failedSubmit ? errors.text : undefined} />
          <label htmlFor="files">{t("protected.fields.files")}</label>
          <input id="files" name="files" type="file" accept="image/jpeg,image/png,image/webp,image/heic" multiple aria-describedby="files-help files-error" aria-invalid={(failedSubmit && !!errors.files) || undefined} data-testid="protected-files" />
          <p className="help" id="files-help">
            {t("protected.fields.filesHelp")}
          </p>
          <FieldError id="files-error" message={failedSubmit ? errors.files : undefined} />
          <button type="submit" className="primary" data-testid="protected-submit">
            {t("protected.submit")}
          </button>
        </Form>
        <FollowForm error={failedFollow ? (errors.receipt ?? message ?? undefined) : undefined} />
      </>
    );
  }

  return (
    <section className="protected" lang={locale}>
      <div className="protected-band">
        <h1>{t("protected.title")}</h1>
      </div>
      {!outcome && <p>{t("protected.intro")}</p>}
      {body}
    </section>
  );
}

function FollowForm({ error }: { error?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" noValidate data-testid="protected-follow-form">
      <h2>{t("protected.follow.title")}</h2>
      <p className="help">{t("protected.follow.intro")}</p>
      <input type="hidden" name="intent" value="follow" />
      <label htmlFor="receipt">{t("protected.fields.receipt")}</label>
      <input id="receipt" name="receipt" inputMode="numeric" dir="ltr" autoComplete="off" aria-invalid={!!error || undefined} aria-describedby="receipt-error" data-testid="protected-receipt-input" />
      <FieldError id="receipt-error" message={error} />
      <button type="submit" data-testid="protected-follow">
        {t("protected.follow.submit")}
      </button>
    </Form>
  );
}
