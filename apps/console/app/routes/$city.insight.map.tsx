import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { BoundaryMap } from "../components/boundary-map";
import { shadeLevels, MAP_MEASURE_KEYS, type MapMeasureKey } from "../insight/map-shades";
import { cityNames } from "../insight/names.server";
import { dashboardParams, jalaliOf } from "../insight/params.server";
import { RangeForm } from "../insight/range-form";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/** Districts shaded by a chosen measure and a heatmap of the range's messages, of one category or all. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const p = dashboardParams(url);
  const categoryId = url.searchParams.get("cat") || undefined;
  const m = url.searchParams.get("m");
  const measure: MapMeasureKey = (MAP_MEASURE_KEYS as readonly string[]).includes(m ?? "") ? (m as MapMeasureKey) : "volume";
  try {
    const [map, boundaries, areas, categories, names] = await Promise.all([
      api.insight.map.query({ from: p.from, to: p.to, categoryId }),
      api.area.exportBoundaries.query(),
      api.area.list.query(),
      api.category.list.query(),
      cityNames(api),
    ]);
    const features = boundaries.features.filter((f) => f.properties.level === "district" || f.properties.level === "region");
    const codeOf = Object.fromEntries(areas.map((a) => [a.id, a.code]));
    return { map, features, codeOf, categories: categories.map((c) => ({ id: c.id, nameFa: c.nameFa, nameEn: c.nameEn })), names, measure, from: p.from, to: p.to, fromJalali: jalaliOf(p.from), toJalali: jalaliOf(p.to) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export default function InsightMap() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { city } = useParams();
  const n = (x: number) => formatNumber(x, locale);
  const name = (id: string) => {
    const x = d.names[id];
    return x ? (locale === "fa" ? x.nameFa : x.nameEn) : id;
  };
  const value = (x: (typeof d.map.districts)[number]) => (d.measure === "volume" ? x.volume : d.measure === "compliance" ? x.compliance : x.satisfaction);
  const levels = shadeLevels(d.map.districts.map((x) => ({ id: x.districtId, value: value(x) })));
  const cat = d.map.categoryId ? `&cat=${d.map.categoryId}` : "";
  const drill = (id: string) => `/${city}/insight/messages?from=${d.from}&to=${d.to}&dim=district&key=${id}${cat}`;
  const shown = (x: (typeof d.map.districts)[number]) => {
    const v = value(x);
    if (v === null) return t("insight.none");
    return d.measure === "compliance" ? `${n(v)}٪` : n(v);
  };
  const shades = Object.fromEntries(
    d.map.districts
      .filter((x) => levels.has(x.districtId) && d.codeOf[x.districtId])
      .map((x) => [d.codeOf[x.districtId]!, { level: levels.get(x.districtId)!, href: drill(x.districtId), title: `${name(x.districtId)}: ${t(`insight.map.measures.${d.measure}`)} ${shown(x)} (${t("insight.map.messages", { n: n(x.volume) })})` }]),
  );
  const peak = Math.max(1, ...d.map.heat.map((h) => h.count));
  const heat = d.map.heat.map((h) => ({ lat: h.lat, lon: h.lon, weight: h.count / peak, title: t("insight.map.messages", { n: n(h.count) }) }));
  const rows = [...d.map.districts].sort((a, b) => (value(b) ?? -1) - (value(a) ?? -1));
  return (
    <section className="panel insight-map">
      <h1>{t("insight.map.title")}</h1>
      <p className="muted">{t("insight.map.help")}</p>
      <RangeForm fromJalali={d.fromJalali} toJalali={d.toJalali}>
        <div>
          <label htmlFor="map-cat">{t("insight.map.category")}</label>
          <select id="map-cat" name="cat" defaultValue={d.map.categoryId ?? ""} data-testid="map-category">
            <option value="">{t("insight.map.allCategories")}</option>
            {d.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === "fa" ? c.nameFa : c.nameEn}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="map-m">{t("insight.map.measure")}</label>
          <select id="map-m" name="m" defaultValue={d.measure} data-testid="map-measure">
            {MAP_MEASURE_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`insight.map.measures.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </RangeForm>
      <BoundaryMap label={t("insight.map.title")} features={d.features as never} shades={shades} heat={heat} />
      <ul className="map-legend" aria-label={t("insight.map.legend")}>
        <li>{t("insight.map.low")}</li>
        {[0, 1, 2, 3, 4].map((l) => (
          <li key={l}>
            <span className={`swatch shade-${l}`} />
          </li>
        ))}
        <li>{t("insight.map.high")}</li>
        <li className="muted">· {t("insight.map.heatLegend")}</li>
      </ul>
      <table className="data-table" data-testid="map-districts">
        <thead>
          <tr>
            <th>{t("insight.map.district")}</th>
            <th>{t("insight.map.measures.volume")}</th>
            <th>{t("insight.map.measures.compliance")}</th>
            <th>{t("insight.map.measures.satisfaction")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.districtId}>
              <td>{name(x.districtId)}</td>
              <td>
                <Link to={drill(x.districtId)}>{n(x.volume)}</Link>
              </td>
              <td>{x.compliance === null ? t("insight.none") : `${n(x.compliance)}٪`}</td>
              <td>{x.satisfaction === null ? t("insight.none") : n(x.satisfaction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t("insight.empty")}</p>}
    </section>
  );
}
