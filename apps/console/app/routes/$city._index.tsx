import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDigits, formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { me, api } = await requireCityUser(request, params.city!);
  try {
    return { me, regions: await api.region.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function CityHome() {
  const { me, regions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const cityName = locale === "fa" ? me.city.nameFa : me.city.nameEn;
  return (
    <>
      <section className="panel welcome" data-testid="welcome">
        <h1>{t("shell.welcome", { name: me.user.displayName })}</h1>
        <p>{t("shell.welcomeText", { city: cityName })}</p>
      </section>
      <section className="panel">
        <h2>
          {t("shell.regions")} <span className="badge">{t("shell.regionCount", { n: formatNumber(regions.length, locale) })}</span>
        </h2>
        <ul className="region-grid" data-testid="regions">
          {regions.map((r) => (
            <li key={r.id}>
              <span className="region-number">{formatDigits(r.number ?? 0, locale)}</span>
              <span>{locale === "fa" ? r.nameFa : r.nameEn}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
