import type { LoaderFunctionArgs } from "@remix-run/node";
import { failureResponse } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/** A protected report's photo, decrypted by the API for an inspector (the download is audited there); never cached. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  try {
    const photo = await api.protectedReport.photo.query({ id: params.id!, entryId: params.entryId! });
    const ext = photo.mime === "image/png" ? "png" : photo.mime === "image/webp" ? "webp" : "jpg";
    return new Response(Buffer.from(photo.data, "base64"), {
      headers: {
        "content-type": photo.mime,
        "content-disposition": `attachment; filename="protected-photo.${ext}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    throw failureResponse(err);
  }
}
