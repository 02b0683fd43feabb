import { AppError, isOpen, notFound, PUBLIC_KINDS, PUBLIC_PAGE_SIZE, PUBLIC_STATES, PUBLIC_STATUS, publicDescription, publicPoint } from "@city137/core";
import { getPublicRequest, getRequest, listAreas, listPublicRequests, type PortalCity, type Tx } from "@city137/db";
import type { Context } from "../../trpc";
import { inCity, portalCity, settingsOf } from "../../portal/city";
import { joinAsSupporter } from "../request/support";
import { publicCategories } from "./catalogue";
import { verifiedMobile } from "./citizen";

/**
 * The city's public messages (docs/decisions/016): only when the city shows
 * them; only public kinds in categories public along their whole path; never
 * a duplicate; never the citizen's name, mobile, national id, address or
 * tracking code; the point rounded and the description redacted.
 */
async function publicScope(tx: Tx, city: PortalCity) {
  const { visible, paths, byId } = await publicCategories(tx, city.id);
  const categories = visible.filter((c) => c.kinds.some((k) => (PUBLIC_KINDS as readonly string[]).includes(k)));
  const districts = new Map((await listAreas(tx, { tenantId: city.id })).filter((a) => a.level === "district").map((a) => [a.id, a]));
  const name = (id: string, lang: "nameFa" | "nameEn") => (paths.get(id) ?? []).map((p) => byId.get(p)![lang]).join(" › ");
  return {
    categories: categories.map((c) => ({ id: c.id, pathFa: name(c.id, "nameFa"), pathEn: name(c.id, "nameEn") })),
    ids: categories.map((c) => c.id),
    entry(r: NonNullable<Awaited<ReturnType<typeof getPublicRequest>>>) {
      const d = r.districtId ? districts.get(r.districtId) : undefined;
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        category: { nameFa: name(r.categoryId, "nameFa"), nameEn: name(r.categoryId, "nameEn") },
        district: d ? { nameFa: d.nameFa, nameEn: d.nameEn } : null,
        point: publicPoint(r.lat, r.lon),
        description: publicDescription(r.description),
        createdAt: r.createdAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        supporters: Number(r.supporters),
        canSupport: isOpen(r.status),
      };
    },
  };
}

async function requireShown(tx: Tx, city: PortalCity) {
  const settings = await settingsOf(tx, city);
  if (!settings.publicMessages) throw notFound("portal.errors.publicOff");
}

/** One page of public messages, newest first, by category and status group. A city that does not show them says so. */
export async function publicList(ctx: Context, input: { city: string; categoryId: string | null; status: keyof typeof PUBLIC_STATUS | null; page: number }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const settings = await settingsOf(tx, city);
    if (!settings.publicMessages) return { enabled: false as const };
    const scope = await publicScope(tx, city);
    if (input.categoryId && !scope.ids.includes(input.categoryId)) throw new AppError("NOT_FOUND", "errors.request.unknownCategory", { field: "categoryId" });
    const rows = await listPublicRequests(tx, {
      tenantId: city.id,
      categoryIds: input.categoryId ? [input.categoryId] : scope.ids,
      kinds: PUBLIC_KINDS,
      statuses: input.status ? PUBLIC_STATUS[input.status] : PUBLIC_STATES,
      limit: PUBLIC_PAGE_SIZE + 1,
      offset: (input.page - 1) * PUBLIC_PAGE_SIZE,
    });
    return {
      enabled: true as const,
      page: input.page,
      hasNext: rows.length > PUBLIC_PAGE_SIZE,
      categories: scope.categories,
      messages: rows.slice(0, PUBLIC_PAGE_SIZE).map((r) => scope.entry(r)),
    };
  });
}

async function findPublic(tx: Tx, city: PortalCity, id: string) {
  await requireShown(tx, city);
  const scope = await publicScope(tx, city);
  const row = await getPublicRequest(tx, { tenantId: city.id, categoryIds: scope.ids, kinds: PUBLIC_KINDS, statuses: PUBLIC_STATES, id });
  if (!row) throw notFound("portal.errors.publicNotFound");
  return scope.entry(row);
}

/** One public message; anything the public may not see (another city's, private, hidden kind) is "not found". */
export async function publicMessage(ctx: Context, input: { city: string; id: string }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, (tx) => findPublic(tx, city, input.id));
}

/**
 * «من هم» from the portal: a citizen with a verified mobile joins an open
 * public message through the same code as the phone desk. Once per mobile;
 * the message's own citizen is not counted again.
 */
export async function supportFromPortal(ctx: Context, input: { city: string; session: string; id: string; locale: "fa" | "en" | null }) {
  const city = await portalCity(ctx, input.city);
  return inCity(ctx, city, async (tx) => {
    const mobile = await verifiedMobile(ctx, tx, city, input.session);
    const shown = await findPublic(tx, city, input.id);
    const target = (await getRequest(tx, { tenantId: city.id, id: shown.id }))!;
    const own = target.citizenMobile === mobile;
    const { added } = own
      ? { added: false }
      : await joinAsSupporter(tx, { tenantId: city.id, target, actorId: null, now: ctx.now(), channel: "web", idempotencyKey: null, note: null, citizen: { name: null, mobile, locale: input.locale } });
    return { id: target.id, added, own, supporters: shown.supporters + (added ? 1 : 0) };
  });
}
