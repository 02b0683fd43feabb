import { Form } from "@remix-run/react";
import { MESSAGE_KINDS as KINDS } from "@city137/core/vocabulary";
import { useTranslation } from "react-i18next";
import type { AttributeDef } from "./attribute-fields";
import { FieldError } from "./field-error";
import { QuestionEditor } from "./question-editor";

export interface CategoryRow {
  id: string;
  code: string;
  parentId: string | null;
  nameFa: string;
  nameEn: string;
  kinds: string[];
  priority: string;
  slaMinutes: number | null;
  public: boolean;
  externalAgency: string | null;
  descriptionFa?: string;
  descriptionEn?: string;
  icon?: string | null;
  attributes?: AttributeDef[];
}

/** Add or edit one category; the parent list excludes the category itself. */
export function CategoryForm({ all, editing, errors, label }: { all: CategoryRow[]; editing?: CategoryRow; errors: Record<string, string>; label: (c: CategoryRow) => string }) {
  const { t } = useTranslation();
  const c = editing;
  return (
    <Form method="post" className="form-grid" data-testid="category-form" key={c?.id ?? "new"}>
      <input type="hidden" name="intent" value={c ? "update" : "create"} />
      {c && <input type="hidden" name="id" value={c.id} />}
      <div>
        <label htmlFor="cat-code">{t("settings.categories.code")}</label>
        <input id="cat-code" name="code" dir="ltr" defaultValue={c?.code} aria-invalid={!!errors.code} />
        <FieldError id="cat-code-error" message={errors.code} />
      </div>
      <div>
        <label htmlFor="cat-parent">{t("settings.categories.parent")}</label>
        <select id="cat-parent" name="parentId" defaultValue={c?.parentId ?? ""}>
          <option value="">{t("settings.categories.root")}</option>
          {all.filter((o) => o.id !== c?.id).map((o) => (
            <option key={o.id} value={o.id}>
              {label(o)}
            </option>
          ))}
        </select>
        <FieldError id="cat-parent-error" message={errors.parentId} />
      </div>
      <div>
        <label htmlFor="cat-nameFa">{t("settings.categories.nameFa")}</label>
        <input id="cat-nameFa" name="nameFa" defaultValue={c?.nameFa} aria-invalid={!!errors.nameFa} />
        <FieldError id="cat-nameFa-error" message={errors.nameFa} />
      </div>
      <div>
        <label htmlFor="cat-nameEn">{t("settings.categories.nameEn")}</label>
        <input id="cat-nameEn" name="nameEn" dir="ltr" defaultValue={c?.nameEn} aria-invalid={!!errors.nameEn} />
        <FieldError id="cat-nameEn-error" message={errors.nameEn} />
      </div>
      <fieldset className="wide">
        <legend>{t("settings.categories.kinds")}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input type="checkbox" name="kinds" value={k} defaultChecked={c ? c.kinds.includes(k) : k === "request" || k === "complaint"} />
            {t(`settings.kinds.${k}`)}
          </label>
        ))}
        <FieldError id="cat-kinds-error" message={errors.kinds} />
      </fieldset>
      <div>
        <label htmlFor="cat-priority">{t("settings.categories.priority")}</label>
        <select id="cat-priority" name="priority" defaultValue={c?.priority ?? "normal"}>
          <option value="normal">{t("settings.categories.priorities.normal")}</option>
          <option value="urgent">{t("settings.categories.priorities.urgent")}</option>
        </select>
      </div>
      <div>
        <label htmlFor="cat-sla">{t("settings.categories.slaMinutes")}</label>
        <input id="cat-sla" name="slaMinutes" dir="ltr" inputMode="numeric" placeholder={t("settings.categories.slaInherit")} defaultValue={c?.slaMinutes ?? ""} aria-invalid={!!errors.slaMinutes} />
        <FieldError id="cat-sla-error" message={errors.slaMinutes} />
      </div>
      <div>
        <label htmlFor="cat-agency">{t("settings.categories.externalAgency")}</label>
        <input id="cat-agency" name="externalAgency" dir="ltr" defaultValue={c?.externalAgency ?? ""} />
      </div>
      <div>
        <label className="check">
          <input type="checkbox" name="public" value="true" defaultChecked={c ? c.public : true} />
          {t("settings.categories.public")}
        </label>
      </div>
      <div className="wide">
        <label htmlFor="cat-descriptionFa">{t("settings.categories.descriptionFa")}</label>
        <textarea id="cat-descriptionFa" name="descriptionFa" rows={2} defaultValue={c?.descriptionFa ?? ""} />
      </div>
      <div className="wide">
        <label htmlFor="cat-descriptionEn">{t("settings.categories.descriptionEn")}</label>
        <textarea id="cat-descriptionEn" name="descriptionEn" rows={2} dir="ltr" defaultValue={c?.descriptionEn ?? ""} />
      </div>
      <input type="hidden" name="icon" value={c?.icon ?? ""} />
      <QuestionEditor questions={c?.attributes ?? []} errors={errors} />
      <div className="wide">
        <button type="submit" data-testid="category-save">
          {t("common.save")}
        </button>
      </div>
    </Form>
  );
}
