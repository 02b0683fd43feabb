import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { Locale } from "@city137/i18n";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { failureResponse } from "../lib/api.server";
import { categoryPaths } from "../lib/format";
import { attempt, optional, text } from "../lib/forms.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    const [templates, categories] = await Promise.all([api.responseTemplate.list.query(), api.category.list.query()]);
    return { templates, categories: categories.map((c) => ({ id: c.id, parentId: c.parentId, nameFa: c.nameFa, nameEn: c.nameEn })) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const f = await request.formData();
  const intent = text(f, "intent");
  if (intent === "toggle") return attempt(intent, () => api.responseTemplate.setActive.mutate({ id: text(f, "id"), active: text(f, "active") === "true" }));
  const values = { categoryId: optional(f, "categoryId"), titleFa: text(f, "titleFa"), titleEn: text(f, "titleEn"), body: text(f, "body"), position: Number(text(f, "position") || 0) };
  const id = text(f, "id");
  return attempt("save", () => (id ? api.responseTemplate.update.mutate({ id, ...values }) : api.responseTemplate.create.mutate(values)));
}

/** پاسخ‌های آماده: the city's ready answers, offered to units when they resolve or reject a message of the category. */
export default function ResponsesPage() {
  const d = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const errors = useFieldErrors(outcome);
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const paths = useMemo(() => categoryPaths(d.categories, locale), [d.categories, locale]);
  const title = (x: { titleFa: string; titleEn: string }) => (locale === "fa" ? x.titleFa : x.titleEn);
  return (
    <>
      <section className="panel">
        <h1>{t("work.responses.title")}</h1>
        <p className="help">{t("work.responses.help")}</p>
        <FormFeedback outcome={outcome} />
        {d.templates.length === 0 ? (
          <p data-testid="responses-empty">{t("work.responses.empty")}</p>
        ) : (
          <table className="data-table" data-testid="responses-table">
            <thead>
              <tr>
                <th>{t("work.responses.name")}</th>
                <th>{t("work.responses.category")}</th>
                <th>{t("work.responses.body")}</th>
                <th>{t("work.responses.state")}</th>
              </tr>
            </thead>
            <tbody>
              {d.templates.map((r) => (
                <tr key={r.id} className={r.active ? undefined : "inactive"}>
                  <td>{title(r)}</td>
                  <td>{r.categoryId ? paths.get(r.categoryId) ?? "—" : t("work.responses.anyCategory")}</td>
                  <td className="summary">{r.body}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="toggle" />
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="active" value={String(!r.active)} />
                      <button type="submit" className="secondary small">
                        {r.active ? t("work.responses.retire") : t("work.responses.restore")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t("work.responses.add")}</h2>
        <Form method="post" className="stack" data-testid="response-form" noValidate>
          <div className="form-grid">
            <div>
              <label htmlFor="titleFa">{t("work.responses.titleFa")}</label>
              <input id="titleFa" name="titleFa" aria-invalid={errors.titleFa ? true : undefined} aria-describedby="titleFa-error" />
              <FieldError id="titleFa-error" message={errors.titleFa} />
            </div>
            <div>
              <label htmlFor="titleEn">{t("work.responses.titleEn")}</label>
              <input id="titleEn" name="titleEn" dir="ltr" aria-invalid={errors.titleEn ? true : undefined} aria-describedby="titleEn-error" />
              <FieldError id="titleEn-error" message={errors.titleEn} />
            </div>
            <div className="wide">
              <label htmlFor="categoryId">{t("work.responses.category")}</label>
              <select id="categoryId" name="categoryId" defaultValue="" aria-describedby="categoryId-error">
                <option value="">{t("work.responses.anyCategory")}</option>
                {d.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {paths.get(c.id)}
                  </option>
                ))}
              </select>
              <FieldError id="categoryId-error" message={errors.categoryId} />
            </div>
          </div>
          <label htmlFor="body">{t("work.responses.body")}</label>
          <textarea id="body" name="body" rows={4} aria-invalid={errors.body ? true : undefined} aria-describedby="body-error" />
          <FieldError id="body-error" message={errors.body} />
          <button type="submit" data-testid="response-save">
            {t("common.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
