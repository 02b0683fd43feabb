import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { formatDigits, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { BoundaryMap } from "../components/boundary-map";
import { failureResponse } from "../lib/api.server";
import { portalApi } from "../portal/api.server";
import { PublicCard } from "../portal/public-card";

const STATUSES = ["open", "resolved", "closed"] as const;

/** The city's public messages: filters, a map of this page's points, the list, pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const page = Number(url.searchParams.get("page") ?? "1");
  const api = await portalApi(request);
  try {
    const list = await api.portal.publicList.query({
      city: params.city!,
      categoryId: url.searchParams.get("category") || null,
      status: (STATUSES as readonly string[]).includes(status ?? "") ? (status as (typeof STATUSES)[number]) : null,
      page: Number.isInteger(page) && page >= 1 && page <= 500 ? page : 1,
    });
    const outlines = list.enabled ? (await api.portal.catalogue.query({ city: params.city! })).outlines : [];
    return { list, outlines };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function PublicMessages() {
  const { list, outlines } = useLoaderData<typeof loader>();
  const { city } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const fa = locale === "fa";
  if (!list.enabled) {
    return (
      <section className="panel">
        <h1>{t("portal.public.title")}</h1>
        <p data-testid="public-off">{t("portal.errors.publicOff")}</p>
      </section>
    );
  }
  const pageLink = (n: number) => {
    const q = new URLSearchParams(search);
    q.set("page", String(n));
    return `?${q.toString()}`;
  };
  const markers = list.messages.flatMap((m) =>
    m.point ? [{ id: m.id, lat: m.point.lat, lon: m.point.lon, label: fa ? m.category.nameFa : m.category.nameEn, href: `/p/${city}/public/${m.id}` }] : [],
  );
  return (
    <section className="panel" data-testid="public-list">
      <h1>{t("portal.public.title")}</h1>
      <p className="help">{t("portal.public.intro")}</p>
      <p className="help">{t("portal.public.privacy")}</p>
      <Form method="get" className="public-filters">
        <div>
          <label htmlFor="category">{t("portal.public.filterCategory")}</label>
          <select id="category" name="category" defaultValue={search.get("category") ?? ""} data-testid="public-category">
            <option value="">{t("portal.public.all")}</option>
            {list.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {fa ? c.pathFa : c.pathEn}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status">{t("portal.public.filterStatus")}</label>
          <select id="status" name="status" defaultValue={search.get("status") ?? ""} data-testid="public-status-filter">
            <option value="">{t("portal.public.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`portal.public.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary" data-testid="public-filter">
          {t("portal.public.show")}
        </button>
      </Form>
      {outlines.length > 0 && markers.length > 0 && <BoundaryMap features={outlines as never} label={t("portal.public.map")} markers={markers} />}
      {list.messages.length === 0 ? (
        <p data-testid="public-empty">{t("portal.public.empty")}</p>
      ) : (
        <ul className="my-list">
          {list.messages.map((m) => (
            <li key={m.id}>
              <PublicCard city={city!} m={m} />
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t("portal.public.page", { n: formatDigits(list.page, locale) })}>
        {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("portal.public.prev")}</Link> : <span />}
        <span>{t("portal.public.page", { n: formatDigits(list.page, locale) })}</span>
        {list.hasNext ? (
          <Link to={pageLink(list.page + 1)} data-testid="public-next">
            {t("portal.public.next")}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </section>
  );
}
