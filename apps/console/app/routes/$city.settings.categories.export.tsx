import type { LoaderFunctionArgs } from "@remix-run/node";
import { failureResponse } from "../lib/api.server";
import { requireCityAdmin } from "../lib/require-admin.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
  try {
    const { text } = await api.category.export.query({ format });
    return new Response(text, {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${params.city}-categories.${format}"`,
      },
    });
  } catch (err) {
    throw failureResponse(err);
  }
}
