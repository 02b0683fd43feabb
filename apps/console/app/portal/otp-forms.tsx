import { Form, Link } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";

/**
 * The two steps of proving a mobile on the portal: the number (a code is
 * texted, in the page's language), then the code. The page's action answers
 * the intents "send" and "verify".
 */
export function OtpForms(p: { sentTo: string | null | undefined; errors: Record<string, string | undefined>; busy: boolean; verifyLabel: string; verifyTestId: string; changeNumberTo?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!p.sentTo) {
    return (
      <Form method="post" noValidate data-testid="otp-request-form">
        <input type="hidden" name="intent" value="send" />
        <input type="hidden" name="locale" value={locale} />
        <label htmlFor="mobile">{t("portal.fields.mobile")}</label>
        <input id="mobile" name="mobile" type="tel" inputMode="tel" dir="ltr" autoComplete="tel" placeholder="09xxxxxxxxx" aria-describedby="mobile-error" data-testid="otp-mobile" />
        <FieldError id="mobile-error" message={p.errors.mobile} />
        <button type="submit" className="primary" disabled={p.busy} data-testid="otp-send">
          {t("portal.mine.sendCode")}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" noValidate data-testid="otp-verify-form">
      <p className="notice" role="status" data-testid="otp-sent">
        {t("portal.mine.codeSent", { mobile: formatDigits(p.sentTo, locale) })}
      </p>
      <input type="hidden" name="intent" value="verify" />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="mobile" value={p.sentTo} />
      <label htmlFor="code">{t("portal.fields.code")}</label>
      <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" dir="ltr" maxLength={6} aria-describedby="code-error" data-testid="otp-code" autoFocus />
      <FieldError id="code-error" message={p.errors.code} />
      <button type="submit" className="primary" disabled={p.busy} data-testid={p.verifyTestId}>
        {p.verifyLabel}
      </button>
      {p.changeNumberTo && (
        <p>
          <Link to={p.changeNumberTo}>{t("portal.mine.changeNumber")}</Link>
        </p>
      )}
    </Form>
  );
}
