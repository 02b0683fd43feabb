import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CityLogo } from "../components/city-logo";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { attempt, numberOrNull, optional, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    return { branding: await api.branding.get.query() };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  return attempt("branding", () =>
    api.branding.update.mutate({
      nameFa: text(f, "nameFa"),
      nameEn: text(f, "nameEn"),
      primaryColor: text(f, "primaryColor"),
      secondaryColor: text(f, "secondaryColor"),
      logoSvg: text(f, "logoSvg"),
      shortNumber: text(f, "shortNumber"),
      defaultLocale: text(f, "defaultLocale") as "fa" | "en",
      customHost: optional(f, "customHost"),
      smsSender: optional(f, "smsSender"),
      mapTileUrl: optional(f, "mapTileUrl"),
      mapCenterLat: numberOrNull(f, "mapCenterLat"),
      mapCenterLon: numberOrNull(f, "mapCenterLon"),
      mapZoom: numberOrNull(f, "mapZoom"),
    }),
  );
}

type Field = "nameFa" | "nameEn" | "shortNumber" | "smsSender" | "customHost" | "mapTileUrl" | "mapCenterLat" | "mapCenterLon" | "mapZoom";
const LTR = new Set(["nameEn", "shortNumber", "smsSender", "customHost", "mapTileUrl", "mapCenterLat", "mapCenterLon", "mapZoom"]);

export default function BrandingPage() {
  const { branding } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { t } = useTranslation();
  const input = (name: Field) => (
    <div key={name}>
      <label htmlFor={name}>{t(`settings.branding.${name}`)}</label>
      <input id={name} name={name} defaultValue={branding[name] == null ? "" : String(branding[name])} dir={LTR.has(name) ? "ltr" : undefined} aria-invalid={!!errors[name]} aria-describedby={`${name}-error`} />
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <section className="panel">
      <h1>{t("settings.branding.title")}</h1>
      <FormFeedback outcome={outcome} />
      <Form method="post" className="form-grid" data-testid="branding-form">
        {input("nameFa")}
        {input("nameEn")}
        <div>
          <label htmlFor="primaryColor">{t("settings.branding.primaryColor")}</label>
          <input id="primaryColor" name="primaryColor" type="color" defaultValue={branding.primaryColor} />
          <FieldError id="primaryColor-error" message={errors.primaryColor} />
        </div>
        <div>
          <label htmlFor="secondaryColor">{t("settings.branding.secondaryColor")}</label>
          <input id="secondaryColor" name="secondaryColor" type="color" defaultValue={branding.secondaryColor} />
          <FieldError id="secondaryColor-error" message={errors.secondaryColor} />
        </div>
        {input("shortNumber")}
        <div>
          <label htmlFor="defaultLocale">{t("settings.branding.defaultLocale")}</label>
          <select id="defaultLocale" name="defaultLocale" defaultValue={branding.defaultLocale}>
            <option value="fa">{t("common.switchToPersian")}</option>
            <option value="en">{t("common.switchToEnglish")}</option>
          </select>
        </div>
        {input("smsSender")}
        {input("customHost")}
        {input("mapTileUrl")}
        {input("mapCenterLat")}
        {input("mapCenterLon")}
        {input("mapZoom")}
        <div className="wide">
          <label htmlFor="logoSvg">{t("settings.branding.logoSvg")}</label>
          <p className="help">{t("settings.branding.logoHelp")}</p>
          <textarea id="logoSvg" name="logoSvg" rows={5} dir="ltr" defaultValue={branding.logoSvg} aria-invalid={!!errors.logoSvg} />
          <FieldError id="logoSvg-error" message={errors.logoSvg} />
          <p className="help">
            {t("settings.branding.preview")} <CityLogo svg={branding.logoSvg} alt="" size={64} />
          </p>
        </div>
        <div className="wide">
          <button type="submit" data-testid="branding-save">
            {t("common.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
