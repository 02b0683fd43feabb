import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiFailure } from "../lib/api.server";
import { requireCityUser } from "../lib/session.server";

/**
 * What the intake screen asks while the operator types: the caller's earlier
 * messages (by mobile), and for a point the district and open look-alikes nearby.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { api } = await requireCityUser(request, params.city!);
  const url = new URL(request.url);
  const mobile = url.searchParams.get("mobile");
  try {
    if (mobile) {
      const history = await api.request.list.query({ mobile, openOnly: false, limit: 20 });
      return { kind: "history" as const, history };
    }
    const lat = Number(url.searchParams.get("lat"));
    const lon = Number(url.searchParams.get("lon"));
    const categoryId = url.searchParams.get("categoryId");
    const place = await api.area.locate.query({ lat, lon });
    const nearby = categoryId ? await api.request.nearby.query({ categoryId, lat, lon }) : [];
    return { kind: "place" as const, place, nearby };
  } catch (err) {
    return { kind: "failure" as const, failure: apiFailure(err) };
  }
}
