import { attempt, text } from "../lib/forms.server";
import { portalApi } from "../portal/api.server";

/** The photos of a form as the API takes them (base64); empty file inputs are skipped. */
async function photosOf(form: FormData) {
  const files = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f as File).size > 0);
  return Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()).toString("base64") })));
}

/**
 * One route, three intents: a new report, opening one by receipt, answering.
 * The receipt only ever travels in a POST body (never a URL, never a cookie),
 * so it stays out of address bars, histories and access logs.
 */
export async function protectedAction(request: Request, city: string) {
  const form = await request.formData();
  const intent = text(form, "intent");
  const api = await portalApi(request);
  if (intent === "submit") {
    const draft = text(form, "text");
    const outcome = await attempt("submit", async () => api.protectedReport.submit.mutate({ city, text: draft, files: await photosOf(form) }));
    // A refused report comes back with its words, so nothing typed is lost.
    return outcome.ok ? outcome : { ...outcome, draft };
  }
  if (intent === "reply") {
    const receipt = text(form, "receipt");
    const outcome = await attempt("reply", async () => api.protectedReport.reply.mutate({ city, receipt, text: text(form, "text") || undefined, files: await photosOf(form) }));
    if (outcome.ok) return { ...outcome, receipt };
    // the report stays on screen under the error
    const view = await attempt("follow", () => api.protectedReport.follow.mutate({ city, receipt }));
    return { ...outcome, receipt, view: view.ok ? view.result : null };
  }
  const receipt = text(form, "receipt");
  return { ...(await attempt("follow", () => api.protectedReport.follow.mutate({ city, receipt }))), receipt };
}
