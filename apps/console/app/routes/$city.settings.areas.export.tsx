import type { LoaderFunctionArgs } from "@remix-run/node";
import { failureResponse } from "../lib/api.server";
import { requireCityAdmin } from "../lib/require-admin.server";

/** The city's boundaries as a GeoJSON download, in the shape the import reads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityAdmin(request, params.city!);
  try {
    const fc = await api.area.exportBoundaries.query();
    return new Response(JSON.stringify(fc), {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Content-Disposition": `attachment; filename="${params.city}-boundaries.geojson"` },
    });
  } catch (err) {
    throw failureResponse(err);
  }
}
