import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { apiFailure } from "../lib/api.server";
import { portalApi } from "../portal/api.server";
import { submitAction, submitFormData } from "../portal/submit.server";
import { SubmitForm } from "../portal/submit-form";
import { usePortalCity } from "../portal/use-city";

/** A scanned QR code: counted once, then the form with its place and subjects filled in; a revoked code gets a polite page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  let qr;
  try {
    qr = await (await portalApi(request)).portal.qr.mutate({ city: params.city!, code: params.code! });
  } catch (err) {
    const f = apiFailure(err);
    if (f.code === "NOT_FOUND") return { qr: null, form: null };
    throw Response.json(f, { status: 503 });
  }
  if (qr.status === "revoked") return { qr, form: null };
  return { qr, form: await submitFormData(request, params.city!) };
}

export const action = ({ request, params }: ActionFunctionArgs) => submitAction(request, params.city!);

// A failed submit must not count the scan again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod ? false : defaultShouldRevalidate);

export default function PortalQr() {
  const { qr, form } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { city } = useParams();
  const { t } = useTranslation();
  const { shortNumber } = usePortalCity();
  if (!qr || qr.status !== "active" || !form) {
    return (
      <section className="panel" data-testid={qr ? "qr-revoked" : "qr-unknown"}>
        <h1>{qr ? t("portal.qr.revokedTitle") : t("portal.qr.unknownTitle")}</h1>
        <p>{t("portal.qr.revokedBody", { number: shortNumber })}</p>
        <p>
          <Link to={`/p/${city}`}>{t("portal.nav.submit")}</Link>
        </p>
      </section>
    );
  }
  return <SubmitForm data={form} outcome={outcome} qr={{ code: qr.code, label: qr.label, lat: qr.lat, lon: qr.lon, categoryIds: qr.categoryIds }} />;
}
