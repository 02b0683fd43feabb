import { useTranslation } from "react-i18next";
import type { AttributeDef } from "./attribute-fields";
import { FieldError } from "./field-error";

const DATATYPES = ["string", "text", "number", "datetime", "singlevaluelist", "multivaluelist"] as const;

/** Choices as lines of "key | نام فارسی | English name". */
export const valuesToText = (values: AttributeDef["values"]) => (values ?? []).map((v) => `${v.key} | ${v.nameFa} | ${v.nameEn}`).join("\n");

/**
 * A category's intake questions (Open311 attributes) as rows of plain fields,
 * plus one empty row to add a question; "remove" drops a row on save.
 */
export function QuestionEditor({ questions, errors }: { questions: AttributeDef[]; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const rows: Array<AttributeDef | null> = [...[...questions].sort((a, b) => a.order - b.order), null];
  const groupError = errors.attributes;
  return (
    <fieldset className="wide question-editor" data-testid="question-editor">
      <legend>{t("settings.questions.title")}</legend>
      <p className="help">{t("settings.questions.help")}</p>
      <FieldError id="attributes-error" message={groupError} />
      {rows.map((q, i) => {
        const p = `q.${i}`;
        const err = (f: string) => errors[`attributes.${i}.${f}`];
        return (
          <div key={q?.code ?? `new-${i}`} className="question-row" data-testid={q ? "question-row" : "question-new"}>
            <div>
              <label htmlFor={`${p}.code`}>{t("settings.questions.code")}</label>
              <input id={`${p}.code`} name={`${p}.code`} dir="ltr" defaultValue={q?.code} aria-invalid={!!err("code")} />
              <FieldError id={`${p}.code-error`} message={err("code")} />
            </div>
            <div>
              <label htmlFor={`${p}.datatype`}>{t("settings.questions.datatype")}</label>
              <select id={`${p}.datatype`} name={`${p}.datatype`} defaultValue={q?.datatype ?? "string"}>
                {DATATYPES.map((d) => (
                  <option key={d} value={d}>
                    {t(`settings.questions.types.${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${p}.labelFa`}>{t("settings.questions.labelFa")}</label>
              <input id={`${p}.labelFa`} name={`${p}.labelFa`} defaultValue={q?.labelFa} aria-invalid={!!err("labelFa")} />
              <FieldError id={`${p}.labelFa-error`} message={err("labelFa")} />
            </div>
            <div>
              <label htmlFor={`${p}.labelEn`}>{t("settings.questions.labelEn")}</label>
              <input id={`${p}.labelEn`} name={`${p}.labelEn`} dir="ltr" defaultValue={q?.labelEn} aria-invalid={!!err("labelEn")} />
              <FieldError id={`${p}.labelEn-error`} message={err("labelEn")} />
            </div>
            <div className="wide">
              <label htmlFor={`${p}.values`}>{t("settings.questions.values")}</label>
              <textarea id={`${p}.values`} name={`${p}.values`} rows={2} defaultValue={valuesToText(q?.values)} placeholder={t("settings.questions.valuesHelp")} />
              <FieldError id={`${p}.values-error`} message={err("values")} />
            </div>
            <div className="wide">
              <label className="check">
                <input type="checkbox" name={`${p}.required`} value="true" defaultChecked={q?.required ?? false} />
                {t("settings.questions.required")}
              </label>
              {q && (
                <label className="check">
                  <input type="checkbox" name={`${p}.remove`} value="true" />
                  {t("settings.questions.remove")}
                </label>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
