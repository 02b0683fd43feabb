import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { CityLogo } from "../components/city-logo";
import { LanguageSwitch } from "../components/language-switch";
import { apiFor, failureResponse } from "../lib/api.server";

export const meta: MetaFunction = () => [{ title: "137" }];

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    return { cities: await (await apiFor(request, null)).city.list.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function Landing() {
  const { cities } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <div className="landing">
      <header className="landing-header">
        <div>
          <h1>{t("landing.title")}</h1>
          <p>{t("landing.intro")}</p>
        </div>
        <LanguageSwitch />
      </header>
      <h2>{t("landing.cities")}</h2>
      <ul className="city-cards">
        {cities.map((c) => (
          <li key={c.slug} style={{ borderInlineStartColor: c.primaryColor }}>
            <Link to={`/${c.slug}`} data-testid={`city-${c.slug}`}>
              <CityLogo svg={c.logoSvg} alt="" size={40} />
              <span className="city-card-name">{locale === "fa" ? c.nameFa : c.nameEn}</span>
              <span className="city-card-meta">{t("landing.callNumber", { number: formatDigits(c.shortNumber, locale) })}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="platform-link">
        <Link to="/platform">{t("landing.platformLink")}</Link>
      </p>
    </div>
  );
}
