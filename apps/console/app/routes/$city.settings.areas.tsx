import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatNumber, type Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { BoundaryMap } from "../components/boundary-map";
import { FormFeedback } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    const [areas, boundaries] = await Promise.all([api.area.list.query(), api.area.exportBoundaries.query()]);
    return { areas, boundaries };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "locate") {
    return attempt("locate", () => api.area.locate.query({ lat: numberOrNull(f, "lat") ?? NaN, lon: numberOrNull(f, "lon") ?? NaN }));
  }
  const file = f.get("file");
  const geojson = file instanceof File && file.size > 0 ? await file.text() : text(f, "geojson");
  const outcome = await attempt(intent, () => api.area.importBoundaries.mutate({ geojson, dryRun: intent !== "apply" }));
  return { ...outcome, geojson: outcome.ok && !outcome.result.applied ? geojson : "" };
}

type ImportResult = { applied: boolean; accepted: Array<{ code: string }>; rejected: Array<{ index: number; code: string | null; reason: string; detail?: string }>; preview: { features: unknown[] } };

export default function AreasPage() {
  const { areas, boundaries } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = (a: { nameFa: string; nameEn: string }) => (locale === "fa" ? a.nameFa : a.nameEn);
  const regions = areas.filter((a) => a.level === "region");
  const byId = new Map(areas.map((a) => [a.id, a]));
  const imported = outcome?.ok && outcome.intent !== "locate" ? (outcome.result as ImportResult) : null;
  const located = outcome?.ok && outcome.intent === "locate" ? (outcome.result as { districtId: string; regionId: string | null } | null) : undefined;
  return (
    <>
      <section className="panel">
        <h1>{t("settings.areas.title")}</h1>
        <p className="muted">
          {t("settings.areas.regions", { n: formatNumber(regions.length, locale) })} · {t("settings.areas.districts", { n: formatNumber(areas.filter((a) => a.level === "district").length, locale) })}
        </p>
        <BoundaryMap label={t("settings.areas.map")} features={boundaries.features as never} preview={(imported && !imported.applied ? imported.preview.features : []) as never} />
        <p>
          <a href="areas/export" download data-testid="areas-export">
            {t("settings.areas.export")}
          </a>
        </p>
      </section>

      <section className="panel">
        <h2>{t("settings.areas.importTitle")}</h2>
        <p className="help">{t("settings.areas.importHelp")}</p>
        {outcome && outcome.intent !== "locate" && !outcome.ok && <FormFeedback outcome={outcome} />}
        {imported?.applied && <FormFeedback outcome={{ ok: true }} success={t("settings.areas.applied")} />}
        <Form method="post" encType="multipart/form-data" className="inline-form">
          <input type="hidden" name="intent" value="check" />
          <label htmlFor="file">{t("settings.areas.file")}</label>
          <input id="file" name="file" type="file" accept=".geojson,.json,application/geo+json,application/json" data-testid="geojson-file" />
          <button type="submit" data-testid="geojson-check">
            {t("settings.areas.check")}
          </button>
        </Form>
        {imported && !imported.applied && (
          <div data-testid="import-report">
            <p>
              <span className="tag">{t("settings.areas.accepted", { n: formatNumber(imported.accepted.length, locale) })}</span>
              <span className={imported.rejected.length ? "tag warn" : "tag"}>{t("settings.areas.rejected", { n: formatNumber(imported.rejected.length, locale) })}</span>
            </p>
            {imported.rejected.length > 0 ? (
              <>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th>{t("settings.areas.row")}</th>
                      <th>{t("settings.areas.code")}</th>
                      <th>{t("settings.areas.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {imported.rejected.map((r) => (
                      <tr key={`${r.index}-${r.reason}`}>
                        <td>{formatNumber(r.index + 1, locale)}</td>
                        <td dir="ltr">{r.code}</td>
                        <td>{t(`settings.areas.reasons.${r.reason}`, { detail: r.detail ?? "" })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{t("settings.areas.nothingApplied")}</p>
              </>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="apply" />
                <textarea name="geojson" hidden readOnly value={outcome && "geojson" in outcome ? outcome.geojson : ""} />
                <button type="submit" data-testid="geojson-apply">
                  {t("settings.areas.apply")}
                </button>
              </Form>
            )}
          </div>
        )}
      </section>

      <section className="panel">
        <h2>{t("settings.areas.locateTitle")}</h2>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="locate" />
          <label htmlFor="lat">{t("settings.areas.lat")}</label>
          <input id="lat" name="lat" dir="ltr" size={10} />
          <label htmlFor="lon">{t("settings.areas.lon")}</label>
          <input id="lon" name="lon" dir="ltr" size={10} />
          <button type="submit" data-testid="locate">
            {t("settings.areas.locate")}
          </button>
        </Form>
        {outcome?.intent === "locate" && !outcome.ok && <FormFeedback outcome={outcome} />}
        {located !== undefined && (
          <p className="notice" data-testid="locate-result">
            {located
              ? t("settings.areas.located", { district: name(byId.get(located.districtId)!), region: located.regionId ? name(byId.get(located.regionId)!) : "" })
              : t("settings.areas.outside")}
          </p>
        )}
      </section>

      <section className="panel">
        <table className="data-table" data-testid="areas-table">
          <thead>
            <tr>
              <th>{t("settings.areas.code")}</th>
              <th>{t("settings.areas.name")}</th>
              <th>{t("settings.areas.level")}</th>
              <th>{t("settings.areas.boundary")}</th>
            </tr>
          </thead>
          <tbody>
            {regions.flatMap((r) => [r, ...areas.filter((a) => a.parentId === r.id)]).map((a) => (
              <tr key={a.id}>
                <td dir="ltr">{a.code}</td>
                <td style={{ paddingInlineStart: a.level === "region" ? undefined : "2rem" }}>{name(a)}</td>
                <td>{t(`settings.areas.levels.${a.level}`)}</td>
                <td>{a.minLon != null ? t("settings.areas.hasBoundary") : t("settings.areas.noBoundary")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
