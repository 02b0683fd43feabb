import { RemixBrowser } from "@remix-run/react";
import { isLocale } from "@city137/i18n";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./lib/i18n";

async function hydrate() {
  const lang = document.documentElement.lang;
  const i18n = await createI18n(isLocale(lang) ? lang : "fa");
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
