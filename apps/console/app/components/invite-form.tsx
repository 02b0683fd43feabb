import { Form } from "@remix-run/react";
import { CITY_ROLES } from "@city137/core/roles";
import { resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { FieldError } from "./field-error";

/** Creates an account and shows a one-time link for the new member to choose a password. */
export function InviteForm({ units, errors, failure }: { units: Array<{ id: string; nameFa: string; nameEn: string }>; errors: Record<string, string>; failure?: { messageKey: string } }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h2>{t("settings.staffAdmin.invite")}</h2>
      {failure && !Object.keys(errors).length && (
        <p className="form-error" role="alert">
          {resolveMessage(t, failure.messageKey, { locale: i18n.language })}
        </p>
      )}
      <Form method="post" className="form-grid" data-testid="invite-form">
        <input type="hidden" name="intent" value="invite" />
        {(["username", "email", "displayName"] as const).map((f) => (
          <div key={f}>
            <label htmlFor={`inv-${f}`}>{t(`fields.${f}`)}</label>
            <input id={`inv-${f}`} name={f} dir={f === "displayName" ? undefined : "ltr"} aria-invalid={!!errors[f]} />
            <FieldError id={`inv-${f}-error`} message={errors[f]} />
          </div>
        ))}
        <fieldset className="wide">
          <legend>{t("staff.roles")}</legend>
          {CITY_ROLES.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" name="roles" value={role} />
              {t(`roles.${role}`)}
            </label>
          ))}
          <FieldError id="inv-roles-error" message={errors.roles} />
        </fieldset>
        <div className="wide">
          <label htmlFor="inv-units">{t("settings.staffAdmin.units")}</label>
          <select id="inv-units" name="unitIds" multiple size={5}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {i18n.language === "fa" ? u.nameFa : u.nameEn}
              </option>
            ))}
          </select>
          <FieldError id="inv-units-error" message={errors.unitIds ?? errors["unitIds.0"]} />
        </div>
        <div className="wide">
          <button type="submit">{t("settings.staffAdmin.invite")}</button>
        </div>
      </Form>
    </>
  );
}
