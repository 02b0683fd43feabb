import type { Locale } from "@city137/i18n";
import type { Api } from "../lib/api.server";
import { createI18n } from "../lib/i18n";
import { localeOf } from "../lib/locale.server";

/** The page's language (as the root loader chooses it) and a translator, for text drawn on the server (charts, CSV). */
export async function pageLocale(request: Request, api: Api, slug: string): Promise<{ locale: Locale; t: Awaited<ReturnType<typeof createI18n>>["t"] }> {
  const city = await api.city.get.query({ slug }).catch(() => null);
  const locale = await localeOf(request, city?.defaultLocale ?? null);
  const i18n = await createI18n(locale);
  return { locale, t: i18n.t.bind(i18n) };
}
