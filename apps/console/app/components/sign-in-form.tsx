import { Form, useActionData, useNavigation } from "@remix-run/react";
import { resolveFieldErrors, resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../lib/api.server";
import { FieldError } from "./field-error";

/** Shared by city and platform sign-in: errors shown at their fields, in the reader's language. */
export function SignInForm({ title, next, notice }: { title: string; next: string; notice?: string }) {
  const { t, i18n } = useTranslation();
  const failure = useActionData<{ failure?: ApiFailure }>()?.failure;
  const busy = useNavigation().state === "submitting";
  const fields = resolveFieldErrors(t, failure, i18n.language);
  const general = failure && !failure.fieldErrors ? resolveMessage(t, failure.messageKey, { params: failure.params, locale: i18n.language }) : null;
  return (
    <section className="panel sign-in">
      <h1>{title}</h1>
      {notice && <p className="notice">{notice}</p>}
      {general && (
        <p className="form-error" role="alert" data-testid="form-error">
          {general}
        </p>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="next" value={next} />
        <label htmlFor="login">{t("auth.login")}</label>
        <input id="login" name="login" autoComplete="username" required aria-invalid={!!fields.login} aria-describedby="login-error" dir="ltr" />
        <FieldError id="login-error" message={fields.login} />
        <label htmlFor="password">{t("auth.password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={!!fields.password} aria-describedby="password-error" dir="ltr" />
        <FieldError id="password-error" message={fields.password} />
        <button type="submit" disabled={busy} data-testid="sign-in-submit">
          {t("auth.submit")}
        </button>
      </Form>
    </section>
  );
}
