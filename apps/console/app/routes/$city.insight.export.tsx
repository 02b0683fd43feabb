import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv, csvResponse } from "../insight/csv";
import { keyLabel } from "../insight/labels";
import { pageLocale } from "../insight/locale.server";
import { cityNames } from "../insight/names.server";
import { dashboardParams } from "../insight/params.server";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/** CSV of a report: the dashboard, the engaged citizens or the council report, in the page's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const report = url.searchParams.get("report");
  try {
    const { locale, t } = await pageLocale(request, api, params.city!);
    const names = await cityNames(api);
    const name = (dim: string, key: string) => keyLabel(t, dim, key, names, locale);
    const p = dashboardParams(url);
    if (report === "citizens") {
      const rows = await api.insight.citizens.query({ from: p.from, to: p.to, limit: 500 });
      const head = [t("insight.rankings.rank"), t("insight.citizens.citizen"), t("insight.citizens.name"), t("insight.citizens.confirmed"), t("insight.citizens.accepted"), t("insight.citizens.feedback"), t("insight.citizens.supports"), t("insight.citizens.points")];
      return csvResponse(toCsv([head, ...rows.map((r) => [r.rank, r.citizen, r.name ?? "", r.confirmed, r.accepted, r.feedback, r.supports, r.points])]), `${params.city}-citizens-${p.from}-${p.to}.csv`);
    }
    if (report === "council") {
      const minCount = Number(url.searchParams.get("min")) || 3;
      const rows = await api.insight.council.query({ from: p.from, to: p.to, minCount });
      const head = [t("insight.council.category"), t("insight.council.region"), t("insight.count"), t("insight.council.previous"), t("insight.council.examples")];
      return csvResponse(toCsv([head, ...rows.map((r) => [name("category", r.categoryId), name("region", r.regionId ?? ""), r.count, r.previous, r.examples.map((e) => `${e.trackingCode}: ${e.description}`).join(" | ")])]), `${params.city}-council-${p.from}-${p.to}.csv`);
    }
    if (report === "ranking") {
      const jy = Number(url.searchParams.get("jy"));
      const jm = Number(url.searchParams.get("jm"));
      const level = url.searchParams.get("level") === "region" ? "region" : "unit";
      const version = url.searchParams.get("version");
      const r = await api.ranking.list.query({ period: jm ? { kind: "month", jy, jm } : { kind: "year", jy }, level, version: version ? Number(version) : undefined });
      const subs = ["compliance", "resolutionTime", "satisfaction", "reopen"] as const;
      const head = [t("insight.rankings.rank"), t("insight.rankings.name"), t("insight.rankings.score"), t("insight.rankings.volume"), ...subs.map((s) => t(`insight.rankings.subScores.${s}`)), t("insight.rankings.version")];
      return csvResponse(
        toCsv([head, ...r.rows.map((row) => [row.rank, name(level, row.id), row.score, row.volume, ...subs.map((s) => row.subScores.find((x) => x.key === s)?.value ?? null), r.formula.version])]),
        `${params.city}-ranking-${r.period}-${level}-v${r.formula.version}.csv`,
      );
    }
    const d = await api.insight.dashboard.query(p);
    const rows: Array<Array<string | number | null>> = [[t("insight.volume"), t(`insight.dimensions.${d.dimension}`), t("insight.count")]];
    for (const s of d.series) rows.push([s.bucket.replaceAll("-", "/"), name(d.dimension, s.key), s.count]);
    rows.push([], [t("insight.shifts"), t("insight.count"), t("insight.share")]);
    for (const s of d.shifts) rows.push([t(`insight.shiftHours.${s.key}`), s.count, s.share]);
    rows.push([], [t("insight.topCategories"), t("insight.count")]);
    for (const c of d.topCategories) rows.push([name("category", c.key), c.count]);
    const sv = d.service;
    rows.push(
      [],
      [t("insight.service"), ""],
      [t("insight.total"), d.total],
      [t("insight.lastYear"), d.lastYear.total],
      [t("insight.growth"), d.lastYear.growth],
      [t("insight.figures.open"), sv.counts.open],
      [t("insight.figures.compliance"), sv.compliance],
      [t("insight.figures.referralP50"), sv.referralHours.p50],
      [t("insight.figures.referralP90"), sv.referralHours.p90],
      [t("insight.figures.resolutionP50"), sv.resolutionHours.p50],
      [t("insight.figures.resolutionP90"), sv.resolutionHours.p90],
      [t("insight.figures.reopenRate"), sv.reopenRate],
      [t("insight.figures.duplicateRate"), sv.duplicateRate],
      [t("insight.figures.forwardedRate"), sv.forwardedRate],
      [t("insight.figures.satisfaction"), sv.satisfaction],
    );
    rows.push([], [t("insight.backlog"), t("insight.count")]);
    for (const b of d.backlog) rows.push([t(`insight.ageing.${b.key}`), b.count]);
    return csvResponse(toCsv(rows), `${params.city}-dashboard-${d.from}-${d.to}.csv`);
  } catch (err) {
    throw failureResponse(err);
  }
}

