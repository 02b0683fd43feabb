import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Works without JavaScript: a form that sets the language cookie and comes back. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const next = i18n.language === "fa" ? "en" : "fa";
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="lng" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" lang={next} data-testid="language-switch" aria-label={t("common.language")}>
        {next === "en" ? t("common.switchToEnglish") : t("common.switchToPersian")}
      </button>
    </Form>
  );
}
