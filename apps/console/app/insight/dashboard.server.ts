import type { TFunction } from "i18next";
import type { Api } from "../lib/api.server";
import { barChartSvg } from "./chart.server";
import { keyLabel } from "./labels";
import type { Named } from "./names.server";

type Dashboard = Awaited<ReturnType<Api["insight"]["dashboard"]["query"]>>;

/** At most this many series in the volume chart; the rest are summed as "other" in the table only. */
const MAX_SERIES = 8;

/** The volume chart (stacked by the breakdown) and the shift chart, as SVG. */
export function dashboardCharts(d: Dashboard, t: TFunction, names: Record<string, Named>, locale: "fa" | "en") {
  const buckets = [...new Set(d.series.map((s) => s.bucket))].sort();
  const keys = d.totals.slice(0, MAX_SERIES).map((x) => x.key);
  const volume = barChartSvg({
    title: t("insight.volume"),
    locale,
    stacked: true,
    labels: buckets,
    series: keys.map((key) => ({
      name: keyLabel(t, d.dimension, key, names, locale),
      values: buckets.map((b) => d.series.find((s) => s.bucket === b && s.key === key)?.count ?? 0),
    })),
  });
  const shifts = barChartSvg({
    title: t("insight.shifts"),
    locale,
    width: 420,
    height: 220,
    labels: d.shifts.map((s) => t(`insight.shiftHours.${s.key}`)),
    series: [{ name: t("insight.total"), values: d.shifts.map((s) => s.count) }],
  });
  return { volume, shifts };
}
