import { Link } from "@remix-run/react";
import { formatDateTime, formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";

export interface TrackData {
  trackingCode: string;
  kind: string;
  status: string;
  category: { nameFa: string; nameEn: string };
  description: string;
  createdAt: string;
  answer: { type: string; note: string | null; at: string } | null;
  timeline: Array<{ type: string; at: string; note: string | null }>;
  proofPhotos: Array<{ id: string; name: string; token: string }>;
  feedback: { score: number; comment: string | null } | null;
  canGiveFeedback: boolean;
  feedbackToken: string;
}

/** A message as its citizen sees it: plain-language status and timeline, the answer, photos of the work. */
export function TrackView({ city, data }: { city: string; data: TrackData }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="panel" data-testid="track-view">
      <h1>
        {t("portal.fields.trackingCode")}: <span dir="ltr">{formatDigits(data.trackingCode, locale)}</span>
      </h1>
      <p className="status-big" data-testid="track-status" data-status={data.status}>
        {t(`portal.states.${data.status}`)}
      </p>
      <dl className="facts">
        <dt>{t("portal.track.category")}</dt>
        <dd>{locale === "fa" ? data.category.nameFa : data.category.nameEn}</dd>
        <dt>{t("portal.fields.kind")}</dt>
        <dd>{t(`portal.kinds.${data.kind}`)}</dd>
        <dt>{t("portal.track.registeredAt")}</dt>
        <dd>{formatDateTime(data.createdAt, locale)}</dd>
      </dl>
      <h2>{t("portal.track.description")}</h2>
      <p className="description">{data.description}</p>
      {data.answer && (
        <>
          <h2>{data.answer.type === "resolve" ? t("portal.track.answer") : t("portal.track.rejectedAnswer")}</h2>
          <p className="description" data-testid="track-answer">
            {data.answer.note}
          </p>
        </>
      )}
      {data.proofPhotos.length > 0 && (
        <>
          <h2>{t("portal.track.proof")}</h2>
          <ul className="proof-photos" data-testid="proof-photos">
            {data.proofPhotos.map((p, i) => (
              <li key={p.id}>
                <img src={`/p/${city}/photo/${p.id}?s=${encodeURIComponent(p.token)}`} alt={t("portal.track.proofAlt", { n: formatDigits(i + 1, locale) })} loading="lazy" />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("portal.track.timeline")}</h2>
      <ol className="timeline" data-testid="track-timeline">
        {data.timeline.map((e, i) => (
          <li key={i}>
            <strong>{t(`portal.events.${e.type}`)}</strong> · <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
            {e.note && <p className="description">{e.note}</p>}
          </li>
        ))}
      </ol>
      {data.feedback && <p className="notice">{t("portal.track.feedbackGiven", { score: formatDigits(data.feedback.score, locale) })}</p>}
      {data.canGiveFeedback && (
        <p>
          <Link to={`/p/${city}/f/${data.trackingCode}?s=${encodeURIComponent(data.feedbackToken)}`} data-testid="give-feedback">
            {t("portal.track.giveFeedback")}
          </Link>
        </p>
      )}
    </section>
  );
}
