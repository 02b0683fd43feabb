import { useRouteLoaderData } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import type { loader } from "../routes/p.$city";

/** The portal's city (from the layout's loader) and its short number in the reader's digits. */
export function usePortalCity() {
  const data = useRouteLoaderData<typeof loader>("routes/p.$city");
  const { i18n } = useTranslation();
  const shortNumber = formatDigits(data?.city.shortNumber ?? "137", i18n.language as Locale);
  return { city: data?.city ?? null, shortNumber };
}
