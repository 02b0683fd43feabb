import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { resolveFieldErrors, resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { apiFailure, apiFor } from "../lib/api.server";

/** Invited staff choose their password; then they sign in like everyone else. */
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) {
    return { failure: { code: "BAD_REQUEST", messageKey: "errors.invitation.mismatch", fieldErrors: { confirm: "errors.invitation.mismatch" } } };
  }
  try {
    const { username } = await (await apiFor(request, null)).auth.acceptInvitation.mutate({ city: params.city!, token: params.token!, password });
    return redirect(`/${params.city}/sign-in?welcome=${encodeURIComponent(username)}`);
  } catch (err) {
    return { failure: apiFailure(err) };
  }
}

export default function AcceptInvitation() {
  const failure = useActionData<typeof action>()?.failure;
  const { t, i18n } = useTranslation();
  const errors = resolveFieldErrors(t, failure, i18n.language);
  return (
    <section className="panel sign-in">
      <h1>{t("invitation.title")}</h1>
      <p className="help">{t("invitation.help")}</p>
      {failure && !failure.fieldErrors && (
        <p className="form-error" role="alert">
          {resolveMessage(t, failure.messageKey, { locale: i18n.language })}
        </p>
      )}
      {errors.token && (
        <p className="form-error" role="alert">
          {errors.token}
        </p>
      )}
      <Form method="post">
        <label htmlFor="password">{t("auth.password")}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" dir="ltr" aria-invalid={!!errors.password} />
        <FieldError id="password-error" message={errors.password} />
        <label htmlFor="confirm">{t("invitation.confirm")}</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" dir="ltr" aria-invalid={!!errors.confirm} />
        <FieldError id="confirm-error" message={errors.confirm} />
        <button type="submit" data-testid="invitation-submit">
          {t("invitation.submit")}
        </button>
      </Form>
    </section>
  );
}
