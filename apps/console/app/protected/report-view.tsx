import { Form } from "@remix-run/react";
import { formatDate, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";

export interface ReporterView {
  status: string;
  receivedOn: string;
  updatedOn: string;
  text: string;
  entries: Array<{ author: string; kind: string; writtenOn: string; text: string | null }>;
}

/** What a reporter sees with their receipt: status, their words, the questions and answers, a form to answer. */
export function ReportView({ view, receipt, replyError, replied }: { view: ReporterView; receipt: string; replyError?: string; replied?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <div data-testid="protected-view">
      <p>
        <strong>{t("protected.view.status")}: </strong>
        <span data-testid="protected-status" data-status={view.status}>
          {t(`protected.states.${view.status}`)}
        </span>
      </p>
      <p className="help">
        {t("protected.view.received", { date: formatDate(view.receivedOn, locale) })} · {t("protected.view.updated", { date: formatDate(view.updatedOn, locale) })}
      </p>
      <h2>{t("protected.view.yourReport")}</h2>
      <p className="report-text">{view.text}</p>
      <h2>{t("protected.view.conversation")}</h2>
      {view.entries.length === 0 ? (
        <p className="help">{t("protected.view.none")}</p>
      ) : (
        <ul className="entries" data-testid="protected-entries">
          {view.entries.map((e, i) => (
            <li key={i} className={e.author} data-author={e.author}>
              <p className="entry-head">
                {e.author === "inspector" ? t("protected.view.inspector") : t("protected.view.you")} · {formatDate(e.writtenOn, locale)}
              </p>
              <p className="report-text">{e.kind === "photo" ? t("protected.view.photoSent") : e.text}</p>
            </li>
          ))}
        </ul>
      )}
      {replied && (
        <p className="notice" role="status" data-testid="protected-replied">
          {t("protected.view.replied")}
        </p>
      )}
      {view.status === "closed" ? (
        <p className="help">{t("protected.view.closed")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate data-testid="protected-reply-form">
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="receipt" value={receipt} />
          <label htmlFor="reply-text">{t("protected.view.reply")}</label>
          <textarea id="reply-text" name="text" aria-invalid={!!replyError || undefined} aria-describedby="reply-text-error" data-testid="protected-reply-text" />
          <FieldError id="reply-text-error" message={replyError} />
          <label htmlFor="reply-files">{t("protected.fields.files")}</label>
          <input id="reply-files" name="files" type="file" accept="image/jpeg,image/png,image/webp,image/heic" multiple />
          <p className="help">{t("protected.fields.filesHelp")}</p>
          <button type="submit" className="primary" data-testid="protected-reply-submit">
            {t("protected.view.replySubmit")}
          </button>
        </Form>
      )}
    </div>
  );
}
