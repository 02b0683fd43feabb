import type { ActionFunctionArgs } from "@remix-run/node";
import { submitAction } from "../portal/submit.server";

/**
 * The submit form's action for a page that sends files with a progress bar
 * (XMLHttpRequest, which shows upload progress where fetch cannot): the same
 * submitAction, answered as JSON — where to go next, or the failure to show
 * at the fields.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const outcome = await submitAction(request, params.city!);
  if (outcome instanceof Response) return Response.json({ location: outcome.headers.get("location") });
  return Response.json(outcome);
}
