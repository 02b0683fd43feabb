import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { submitAction, submitFormData } from "../portal/submit.server";
import { SubmitForm } from "../portal/submit-form";

export const loader = ({ request, params }: LoaderFunctionArgs) => submitFormData(request, params.city!);
export const action = ({ request, params }: ActionFunctionArgs) => submitAction(request, params.city!);

/** A new message, without an account. */
export default function PortalSubmit() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return <SubmitForm data={data} outcome={outcome} />;
}
