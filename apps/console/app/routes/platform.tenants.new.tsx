import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "../components/field-error";
import { FormFeedback, useFieldErrors } from "../components/form-feedback";
import { attempt, text } from "../lib/forms.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformUser(request);
  return null;
}

/** The API names nested fields ("admin.email"); the form's inputs are flat. */
const FORM_FIELD: Record<string, string> = {
  "admin.displayName": "adminName",
  "admin.username": "adminUsername",
  "admin.email": "adminEmail",
  "contact.name": "contactName",
  "contact.email": "contactEmail",
  "contact.phone": "contactPhone",
};

/** A new city from a template, its first admin invited: the platform shows the one-time link to pass on. */
export async function action({ request }: ActionFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  const f = await request.formData();
  const outcome = await attempt("provision", () =>
    api.tenant.provision.mutate({
      slug: text(f, "slug"),
      nameFa: text(f, "nameFa"),
      nameEn: text(f, "nameEn"),
      template: text(f, "template") as "metropolis",
      shortNumber: text(f, "shortNumber") || undefined,
      primaryColor: text(f, "primaryColor") || undefined,
      secondaryColor: text(f, "secondaryColor") || undefined,
      contact: { name: text(f, "contactName"), email: text(f, "contactEmail"), phone: text(f, "contactPhone") },
      admin: { username: text(f, "adminUsername"), email: text(f, "adminEmail"), displayName: text(f, "adminName") },
    }),
  );
  if (!outcome.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(outcome.failure.fieldErrors ?? {}).map(([k, v]) => [FORM_FIELD[k] ?? k, v]));
    return { ...outcome, failure: { ...outcome.failure, fieldErrors } };
  }
  const origin = new URL(request.url).origin;
  return { ...outcome, link: `${origin}/${outcome.result.slug}/invite/${outcome.result.invitation.token}` };
}

export default function NewTenantPage() {
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = useFieldErrors(outcome);
  if (outcome?.ok && "link" in outcome) {
    return (
      <section className="panel" data-testid="provisioned">
        <h1>{t("platform.provision.done", { name: outcome.result.slug })}</h1>
        <p>{t("platform.provision.passLink", { name: outcome.result.admin.displayName })}</p>
        <p dir="ltr">
          <code data-testid="admin-invitation">{outcome.link}</code>
        </p>
        <p className="actions-row">
          <Link to="/platform">{t("platform.title")}</Link>
          <Link to={`/${outcome.result.slug}`}>/{outcome.result.slug}</Link>
        </p>
      </section>
    );
  }
  const field = (name: string, key: string, props: Record<string, unknown> = {}) => (
    <div>
      <label htmlFor={name}>{t(key)}</label>
      <input id={name} name={name} aria-invalid={errors[name] ? true : undefined} aria-describedby={`${name}-error`} {...props} />
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <section className="panel">
      <h1>{t("platform.provision.title")}</h1>
      <p className="help">{t("platform.provision.help")}</p>
      <FormFeedback outcome={outcome} />
      <Form method="post" className="form-grid" data-testid="provision-form">
        {field("slug", "platform.provision.slug", { dir: "ltr", placeholder: "isfahan" })}
        {field("nameFa", "platform.provision.nameFa")}
        {field("nameEn", "platform.provision.nameEn", { dir: "ltr" })}
        <div>
          <label htmlFor="template">{t("platform.provision.template")}</label>
          <select id="template" name="template" defaultValue="metropolis">
            <option value="metropolis">{t("platform.provision.templates.metropolis")}</option>
          </select>
        </div>
        {field("shortNumber", "platform.provision.shortNumber", { dir: "ltr", defaultValue: "137", inputMode: "numeric" })}
        {field("primaryColor", "platform.provision.primaryColor", { type: "color", defaultValue: "#1f4e79" })}
        {field("secondaryColor", "platform.provision.secondaryColor", { type: "color", defaultValue: "#e0a526" })}
        <fieldset className="wide">
          <legend>{t("platform.provision.contact")}</legend>
          <div className="form-grid">
            {field("contactName", "platform.provision.contactName")}
            {field("contactEmail", "platform.provision.contactEmail", { dir: "ltr", type: "email" })}
            {field("contactPhone", "platform.provision.contactPhone", { dir: "ltr", inputMode: "tel" })}
          </div>
        </fieldset>
        <fieldset className="wide">
          <legend>{t("platform.provision.admin")}</legend>
          <div className="form-grid">
            {field("adminName", "platform.provision.adminName")}
            {field("adminUsername", "platform.provision.adminUsername", { dir: "ltr" })}
            {field("adminEmail", "platform.provision.adminEmail", { dir: "ltr", type: "email" })}
          </div>
        </fieldset>
        <div className="wide">
          <button type="submit" data-testid="provision-submit">
            {t("platform.provision.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
