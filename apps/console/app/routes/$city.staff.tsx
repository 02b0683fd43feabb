import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CITY_ROLES } from "@city137/core/roles";
import { resolveFieldErrors, resolveMessage } from "@city137/i18n";
import { useTranslation } from "react-i18next";
import { InviteForm } from "../components/invite-form";
import { ToggleActiveForm } from "../components/toggle-active-form";
import { apiFailure, failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  try {
    const [staff, units] = await Promise.all([api.staff.list.query(), api.unit.list.query()]);
    return { staff, units: units.filter((u) => u.active) };
  } catch (err) {
    throw failureResponse(err);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "invite") {
    try {
      const created = await api.staff.create.mutate({
        username: String(form.get("username") ?? ""),
        email: String(form.get("email") ?? ""),
        displayName: String(form.get("displayName") ?? ""),
        roles: form.getAll("roles").map(String) as never,
        unitIds: form.getAll("unitIds").map(String).filter(Boolean),
      });
      const origin = new URL(request.url).origin;
      return { invited: created.staff.displayName, link: `${origin}/${params.city}/invite/${created.invitation.token}` };
    } catch (err) {
      return Response.json({ failure: apiFailure(err), staffId: "invite" }, { status: 400 });
    }
  }
  if (intent === "toggle") {
    try {
      await api.staff.setActive.mutate({ staffId: String(form.get("staffId")), active: form.get("active") === "true" });
      return { saved: "" };
    } catch (err) {
      return Response.json({ failure: apiFailure(err), staffId: String(form.get("staffId")) }, { status: 400 });
    }
  }
  if (intent !== "roles") return Response.json({ failure: { code: "BAD_REQUEST", messageKey: "errors.invalidInput" } }, { status: 400 });
  const staffId = String(form.get("staffId"));
  try {
    const updated = await api.staff.updateRoles.mutate({ staffId, roles: form.getAll("roles").map(String) as never });
    return { saved: updated.displayName, staffId };
  } catch (err) {
    return Response.json({ failure: apiFailure(err), staffId }, { status: 400 });
  }
}

export default function StaffPage() {
  const { staff, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | { saved?: string; invited?: string; link?: string; staffId?: string; failure?: Parameters<typeof resolveFieldErrors>[1] & { messageKey: string } }
    | undefined;
  const { t, i18n } = useTranslation();
  const errors = resolveFieldErrors(t, result?.failure, i18n.language);
  return (
    <section className="panel">
      <h1>{t("staff.title")}</h1>
      {result?.invited && (
        <div className="notice" role="status" data-testid="invitation">
          <p>{t("settings.staffAdmin.invited", { name: result.invited })}</p>
          <p dir="ltr">
            <code>{result.link}</code>
          </p>
        </div>
      )}
      {result?.saved && (
        <p className="notice" role="status">
          {t("staff.saved", { name: result.saved })}
        </p>
      )}
      <table className="data-table" data-testid="staff-table">
        <thead>
          <tr>
            <th>{t("staff.name")}</th>
            <th>{t("staff.username")}</th>
            <th>{t("staff.status")}</th>
            <th>{t("staff.roles")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.displayName}</td>
              <td dir="ltr">{s.username}</td>
              <td>
                {s.active ? t("staff.active") : t("staff.inactive")}
                <ToggleActiveForm id={s.id} idName="staffId" active={s.active} onLabel={t("settings.staffAdmin.activate")} offLabel={t("settings.staffAdmin.deactivate")} />
              </td>
              <td>
                <Form method="post" className="roles-form">
                  <input type="hidden" name="intent" value="roles" />
                  <input type="hidden" name="staffId" value={s.id} />
                  <fieldset>
                    <legend className="visually-hidden">{t("staff.changeRoles")}</legend>
                    {CITY_ROLES.map((role) => (
                      <label key={role} className="check">
                        <input type="checkbox" name="roles" value={role} defaultChecked={s.roles.includes(role)} />
                        {t(`roles.${role}`)}
                      </label>
                    ))}
                  </fieldset>
                  {result?.staffId === s.id && result.failure && (
                    <p className="field-error" role="alert">
                      {errors.roles ?? resolveMessage(t, result.failure.messageKey, { locale: i18n.language })}
                    </p>
                  )}
                  <button type="submit" className="small">
                    {t("common.save")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InviteForm units={units} errors={result?.staffId === "invite" ? errors : {}} failure={result?.staffId === "invite" ? result.failure : undefined} />
    </section>
  );
}
