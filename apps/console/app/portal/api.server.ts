import { API_ORIGIN, apiFor, UploadFailure, type Api } from "../lib/api.server";

/** The portal acts for nobody: no staff token ever travels with a citizen's call. */
export function portalApi(request: Request): Promise<Api> {
  return apiFor(request, null);
}

/** Uploads a citizen's files to their new message with the token the submit answered with. */
export async function uploadCitizenFiles(request: Request, p: { city: string; trackingCode: string; token: string; files: File[] }) {
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const failed: Array<{ name: string; messageKey: string; params?: Record<string, string | number> }> = [];
  let added = 0;
  for (const file of p.files) {
    const body = new FormData();
    body.set("file", file, file.name);
    const res = await fetch(`${API_ORIGIN}/portal-files/${encodeURIComponent(p.city)}/requests/${encodeURIComponent(p.trackingCode)}`, {
      method: "POST",
      headers: { "x-upload-token": p.token, ...(ip ? { "x-forwarded-for": ip } : {}) },
      body,
    }).catch(() => null);
    if (res?.ok) added++;
    else {
      const data = res ? ((await res.json().catch(() => ({}))) as ConstructorParameters<typeof UploadFailure>[0] & { params?: Record<string, string | number> }) : {};
      failed.push({ name: file.name, messageKey: data.messageKey ?? "errors.serviceUnavailable", params: data.params });
    }
  }
  return { added, failed };
}
