import { useTranslation } from "react-i18next";
import { FieldError } from "./field-error";

export interface AttributeDef {
  code: string;
  datatype: "string" | "text" | "number" | "datetime" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  order: number;
  labelFa: string;
  labelEn: string;
  values?: Array<{ key: string; nameFa: string; nameEn: string }>;
}

/** A category's own intake questions (Open311 attributes), as form fields named `attr.<code>`. */
export function AttributeFields({ attributes, errors }: { attributes: AttributeDef[]; errors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const fa = i18n.language === "fa";
  if (attributes.length === 0) return null;
  return (
    <fieldset className="questions" data-testid="questions">
      <legend>{t("work.intake.questions")}</legend>
      {[...attributes]
        .sort((a, b) => a.order - b.order)
        .map((a) => {
          const id = `attr-${a.code}`;
          const name = `attr.${a.code}`;
          const label = fa ? a.labelFa : a.labelEn;
          const error = errors[`attributes.${a.code}`];
          const common = { id, name, required: a.required, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
          return (
            <div key={a.code}>
              {a.datatype === "multivaluelist" ? (
                <fieldset>
                  <legend className="label">{label}</legend>
                  {(a.values ?? []).map((v) => (
                    <label key={v.key} className="check">
                      <input type="checkbox" name={name} value={v.key} />
                      {fa ? v.nameFa : v.nameEn}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <>
                  <label htmlFor={id}>
                    {label}
                    {a.required && <span aria-hidden="true"> *</span>}
                  </label>
                  {a.datatype === "singlevaluelist" ? (
                    <select {...common} defaultValue="">
                      <option value="">{t("work.intake.choose")}</option>
                      {(a.values ?? []).map((v) => (
                        <option key={v.key} value={v.key}>
                          {fa ? v.nameFa : v.nameEn}
                        </option>
                      ))}
                    </select>
                  ) : a.datatype === "text" ? (
                    <textarea {...common} rows={2} />
                  ) : (
                    <input {...common} type={a.datatype === "datetime" ? "datetime-local" : "text"} inputMode={a.datatype === "number" ? "numeric" : undefined} />
                  )}
                </>
              )}
              <FieldError id={`${id}-error`} message={error} />
            </div>
          );
        })}
    </fieldset>
  );
}
