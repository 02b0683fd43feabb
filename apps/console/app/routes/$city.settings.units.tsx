import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { Locale } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { ToggleActiveForm } from "../components/toggle-active-form";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, optional, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

const KINDS = ["hq", "region_office", "district_office", "organisation", "external_agency"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    const [units, areas] = await Promise.all([api.unit.list.query(), api.area.list.query()]);
    return { units, areas };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "toggle") return attempt(intent, () => api.unit.setActive.mutate({ id: text(f, "id"), active: text(f, "active") === "true" }));
  return attempt(intent, () =>
    api.unit.create.mutate({
      code: text(f, "code"),
      kind: text(f, "kind") as (typeof KINDS)[number],
      nameFa: text(f, "nameFa"),
      nameEn: text(f, "nameEn"),
      areaId: optional(f, "areaId"),
      contactPhone: optional(f, "contactPhone"),
      contactEmail: optional(f, "contactEmail"),
    }),
  );
}

export default function UnitsPage() {
  const { units, areas } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const name = (x: { nameFa: string; nameEn: string }) => (locale === "fa" ? x.nameFa : x.nameEn);
  const areaName = new Map(areas.map((a) => [a.id, name(a)]));
  const order = (k: string) => KINDS.indexOf(k as (typeof KINDS)[number]);
  const sorted = [...units].sort((a, b) => order(a.kind) - order(b.kind) || a.code.localeCompare(b.code));
  return (
    <>
      <section className="panel">
        <h1>{t("settings.units.title")}</h1>
        <FormFeedback outcome={outcome} />
        <table className="data-table" data-testid="units-table">
          <thead>
            <tr>
              <th>{t("settings.units.nameFa")}</th>
              <th>{t("settings.units.code")}</th>
              <th>{t("settings.units.kind")}</th>
              <th>{t("settings.units.area")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sorted.map((u) => (
              <tr key={u.id} className={u.active ? undefined : "muted"}>
                <td>
                  {name(u)} {!u.active && <span className="tag warn">{t("settings.units.inactive")}</span>}
                </td>
                <td dir="ltr">{u.code}</td>
                <td>{t(`settings.units.kinds.${u.kind}`)}</td>
                <td>{u.areaId ? areaName.get(u.areaId) : t("settings.units.none")}</td>
                <td>
                  <ToggleActiveForm id={u.id} active={u.active} onLabel={t("settings.units.activate")} offLabel={t("settings.units.deactivate")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>{t("settings.units.add")}</h2>
        <Form method="post" className="form-grid" data-testid="unit-form">
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="u-code">{t("settings.units.code")}</label>
            <input id="u-code" name="code" dir="ltr" aria-invalid={!!errors.code} />
            <FieldError id="u-code-error" message={errors.code} />
          </div>
          <div>
            <label htmlFor="u-kind">{t("settings.units.kind")}</label>
            <select id="u-kind" name="kind" defaultValue="organisation">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`settings.units.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="u-nameFa">{t("settings.units.nameFa")}</label>
            <input id="u-nameFa" name="nameFa" aria-invalid={!!errors.nameFa} />
            <FieldError id="u-nameFa-error" message={errors.nameFa} />
          </div>
          <div>
            <label htmlFor="u-nameEn">{t("settings.units.nameEn")}</label>
            <input id="u-nameEn" name="nameEn" dir="ltr" aria-invalid={!!errors.nameEn} />
            <FieldError id="u-nameEn-error" message={errors.nameEn} />
          </div>
          <div>
            <label htmlFor="u-area">{t("settings.units.area")}</label>
            <select id="u-area" name="areaId" defaultValue="">
              <option value="">{t("settings.units.none")}</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.level === "district" ? "— " : ""}
                  {name(a)}
                </option>
              ))}
            </select>
            <FieldError id="u-area-error" message={errors.areaId} />
          </div>
          <div>
            <label htmlFor="u-phone">{t("settings.units.contactPhone")}</label>
            <input id="u-phone" name="contactPhone" dir="ltr" />
          </div>
          <div>
            <label htmlFor="u-email">{t("settings.units.contactEmail")}</label>
            <input id="u-email" name="contactEmail" dir="ltr" aria-invalid={!!errors.contactEmail} />
            <FieldError id="u-email-error" message={errors.contactEmail} />
          </div>
          <div className="wide">
            <button type="submit">{t("common.save")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
