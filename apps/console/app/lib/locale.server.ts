import { DEFAULT_LOCALE, isLocale, type Locale } from "@city137/i18n";
import { languageCookie } from "./cookies.server";

/** The chosen language; else the city's default; else Persian. */
export async function localeOf(request: Request, cityDefault?: string | null): Promise<Locale> {
  const chosen = await languageCookie.parse(request.headers.get("cookie"));
  if (isLocale(chosen)) return chosen;
  if (isLocale(cityDefault)) return cityDefault;
  return DEFAULT_LOCALE;
}
