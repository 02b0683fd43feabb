import { resources, type Locale } from "@city137/i18n";
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

/** One i18next instance per request on the server, one for the page in the browser. */
export async function createI18n(locale: Locale): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: "fa",
    supportedLngs: ["fa", "en"],
    ns: ["common"],
    defaultNS: "common",
    resources,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
}
