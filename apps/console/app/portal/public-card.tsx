import { Link } from "@remix-run/react";
import { formatDate, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

export interface PublicEntry {
  id: string;
  kind: string;
  status: string;
  category: { nameFa: string; nameEn: string };
  district: { nameFa: string; nameEn: string } | null;
  point: { lat: number; lon: number } | null;
  description: string;
  createdAt: string;
  supporters: number;
  canSupport: boolean;
}

/** One public message: subject, area, status, date, the redacted text and how many said "me too". */
export function PublicCard({ city, m, link = true }: { city: string; m: PublicEntry; link?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  return (
    <article data-testid="public-message" data-id={m.id} data-status={m.status}>
      <h2 style={{ fontSize: "1.05rem", margin: 0 }}>{fa ? m.category.nameFa : m.category.nameEn}</h2>
      <p className="public-meta">
        {t(`portal.kinds.${m.kind}`)} · {m.district ? (fa ? m.district.nameFa : m.district.nameEn) : t("portal.public.noPlace")} · {t("portal.public.registeredAt", { date: formatDate(m.createdAt, locale) })}
      </p>
      <p className="status-big" data-testid="public-status">
        {t(`portal.states.${m.status}`)}
      </p>
      <p style={{ whiteSpace: "pre-wrap" }} data-testid="public-description">
        {m.description}
      </p>
      <p className="public-meta" data-testid="public-supporters" data-count={m.supporters}>
        {m.supporters > 0 ? t("portal.public.supporters", { n: formatDigits(m.supporters, locale) }) : t("portal.public.noSupporters")}
      </p>
      {link && (
        <Link to={`/p/${city}/public/${m.id}`} data-testid="public-view">
          {t("portal.public.view")}
        </Link>
      )}
    </article>
  );
}
