import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { submitAction, submitFormData } from "../portal/submit.server";
import { SubmitForm } from "../portal/submit-form";

export const loader = ({ request, params }: LoaderFunctionArgs) => submitFormData(request, params.city!);
export const action = ({ request, params }: ActionFunctionArgs) => submitAction(request, params.city!);

/** A new message, without an account. */
export default function PortalSubmit() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      {/* The protected channel: a full page load (reloadDocument), so its own no-script, strict-CSP document is what the reporter gets. */}
      <Link to="report" reloadDocument className="panel" style={{ display: "block", borderColor: "#1d2939", borderWidth: 2, textDecoration: "none", color: "#1d2939" }} data-testid="portal-protected-link">
        <strong>🔒 {t("protected.home.link")}</strong>
        <br />
        <span className="help">{t("protected.home.hint")}</span>
      </Link>
      <p>
        <Link to="sessions" data-testid="portal-sessions-link">
          {t("direct.portal.link")}
        </Link>
      </p>
      <SubmitForm data={data} outcome={outcome} />
    </>
  );
}
