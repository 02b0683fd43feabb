import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { InvoiceView } from "../billing/invoice-view";
import { failureResponse } from "../lib/api.server";
import { requirePlatformUser } from "../lib/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requirePlatformUser(request);
  try {
    return await api.billing.invoice.get.query({ tenantId: params.id!, id: params.invoiceId! });
  } catch (err) {
    throw failureResponse(err);
  }
}

/** The printable invoice, as platform staff see it. */
export default function PlatformInvoice() {
  const data = useLoaderData<typeof loader>();
  const { id } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <p className="no-print">
        <Link to={`/platform/tenants/${id}`}>{t("billing.invoice.back")}</Link>
      </p>
      <InvoiceView data={data} />
    </>
  );
}
