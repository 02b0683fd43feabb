import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";

/**
 * «پیام‌های من»: the citizen's consent to be named in the city's list of engaged citizens,
 * given with the name to show, or withdrawn.
 */
export function RecognitionForm({ recognition, busy, nameError, saved }: { recognition: { name: string } | null; busy: boolean; nameError?: string; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="recognition" data-testid="recognition" open={saved || Boolean(nameError)}>
      <summary>{t("portal.recognition.title")}</summary>
      <p className="help">{t("portal.recognition.help")}</p>
      {saved && (
        <p className="notice" role="status" data-testid="recognition-saved">
          {recognition ? t("portal.recognition.given") : t("portal.recognition.withdrawn")}
        </p>
      )}
      {recognition ? (
        <Form method="post">
          <p data-testid="recognition-state">{t("portal.recognition.namedAs", { name: recognition.name })}</p>
          <input type="hidden" name="intent" value="recognition" />
          <input type="hidden" name="consent" value="0" />
          <button type="submit" className="secondary" disabled={busy} data-testid="recognition-withdraw">
            {t("portal.recognition.withdraw")}
          </button>
        </Form>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="recognition" />
          <input type="hidden" name="consent" value="1" />
          <label htmlFor="recognition-name">{t("portal.recognition.name")}</label>
          <input id="recognition-name" name="name" maxLength={120} autoComplete="name" aria-invalid={nameError ? true : undefined} aria-describedby="recognition-name-error" data-testid="recognition-name" />
          <FieldError id="recognition-name-error" message={nameError} />
          <button type="submit" disabled={busy} data-testid="recognition-give">
            {t("portal.recognition.give")}
          </button>
        </Form>
      )}
    </details>
  );
}
