import { resolveFieldErrors, resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../lib/api.server";

/** A page-level line for the last form's result: saved, or the API's translated reason. */
export function FormFeedback({ outcome, success }: { outcome?: { ok: boolean; failure?: ApiFailure } | null; success?: string }) {
  const { t, i18n } = useTranslation();
  if (!outcome) return null;
  if (outcome.ok) {
    return (
      <p className="notice" role="status" data-testid="form-saved">
        {success ?? t("settings.saved")}
      </p>
    );
  }
  const f = outcome.failure!;
  const fields = Object.values(resolveFieldErrors(t, f, i18n.language));
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      <p>{resolveMessage(t, f.messageKey, { params: f.params, locale: i18n.language })}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The translated error of one field, if the last attempt failed there. */
export function useFieldErrors(outcome?: { ok: boolean; failure?: ApiFailure } | null) {
  const { t, i18n } = useTranslation();
  return outcome && !outcome.ok ? resolveFieldErrors(t, outcome.failure, i18n.language) : {};
}
