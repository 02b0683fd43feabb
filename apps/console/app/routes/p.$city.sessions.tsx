import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { listStyle, localDigits, SessionWhen } from "../direct/when";
import { failureResponse } from "../lib/api.server";
import { portalApi } from "../portal/api.server";
import { usePortalCity } from "../portal/use-city";

/** "Citizen asks, manager answers": the city's upcoming sessions and the published questions and answers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const api = await portalApi(request);
  try {
    return await api.directSession.portal.query({ city: params.city! });
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function PortalDirectSessions() {
  const { upcoming, published } = useLoaderData<typeof loader>();
  const { shortNumber } = usePortalCity();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  return (
    <>
      <section className="panel">
        <h1>{t("direct.portal.title")}</h1>
        <p>{t("direct.portal.intro", { number: shortNumber })}</p>
        <h2>{t("direct.portal.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p>{t("direct.portal.noUpcoming")}</p>
        ) : (
          <ul className="plain-list" data-testid="portal-upcoming">
            {upcoming.map((s) => (
              <li key={s.id} data-session={s.id}>
                <strong>{s.managerName}</strong> — {fa ? s.managerTitleFa : s.managerTitleEn}
                <br />
                <SessionWhen startsAt={s.startsAt} tehran={s.tehran} />
                {s.status === "live" && <strong className="badge"> {t("direct.portal.live")}</strong>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>{t("direct.portal.published")}</h2>
        {published.length === 0 ? (
          <p>{t("direct.portal.noPublished")}</p>
        ) : (
          published.map((s) => (
            <article key={s.id} data-testid="portal-published" data-session={s.id}>
              <h3>
                {s.managerName} — {fa ? s.managerTitleFa : s.managerTitleEn}
              </h3>
              <p className="help">
                <SessionWhen startsAt={s.startsAt} tehran={s.tehran} />
              </p>
              <ol style={listStyle(locale)}>
                {s.questions.map((q) => (
                  <li key={q.n} data-testid="portal-qa">
                    <p>
                      <strong>{t("direct.portal.question")}:</strong> {localDigits(q.question, locale)}
                    </p>
                    <p>
                      <strong>{t("direct.portal.answer")}:</strong> {localDigits(q.answer, locale)}
                    </p>
                  </li>
                ))}
              </ol>
            </article>
          ))
        )}
      </section>
    </>
  );
}
