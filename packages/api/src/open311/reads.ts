import { isOpen, open311Status, parseTrackingCode, redact, type RequestState } from "@city137/core";
import { listCategories, listOpen311Requests, listOpen311Updates, withTenant, type Open311RequestRow, type PublicTenant } from "@city137/db";
import { catalogue, nameOf, type Catalogue } from "./catalogue";
import { dateRange, toW3c } from "./dates";
import { fail } from "./errors";
import type { Document, Value } from "./format";
import { DESCRIPTION_MAX, MAX_PAGE_SIZE, type Open311Deps, type Params } from "./service";
import { say, type Open311Locale } from "./texts";

/** GET requests, requests/{id}, servicerequestupdates and tokens: what an Open311 client reads. */

const MAX_IDS = 200;
const OPEN_STATES: RequestState[] = ["registered", "referred", "in_progress", "reopened"];
const CLOSED_STATES: RequestState[] = ["resolved", "closed", "rejected", "duplicate", "forwarded"];

export { redact };

function lastAnswerOf(row: Open311RequestRow): { type: string; note: string | null } | null {
  const v = row.lastAnswer as unknown;
  if (!v) return null;
  return (typeof v === "string" ? JSON.parse(v) : v) as { type: string; note: string | null };
}

function statusNotes(row: Open311RequestRow, locale: Open311Locale): string | null {
  if (row.status === "duplicate") return say(locale, "duplicateNote");
  const answer = lastAnswerOf(row);
  if (answer && answer.type !== "reopen" && answer.note && !isOpen(row.status)) return redact(answer.note);
  if (row.status === "forwarded") return say(locale, "forwardedNote");
  return null;
}

function requestEntry(row: Open311RequestRow, cat: Catalogue, locale: Open311Locale): { [key: string]: Value } {
  const category = cat.byId.get(row.categoryId)!;
  const unit = row.unitNameFa !== null ? nameOf({ nameFa: row.unitNameFa, nameEn: row.unitNameEn ?? row.unitNameFa }, locale) : null;
  return {
    service_request_id: row.trackingCode,
    status: open311Status(row.status),
    status_notes: statusNotes(row, locale),
    service_name: nameOf(category, locale),
    service_code: category.code,
    description: redact(row.description).slice(0, DESCRIPTION_MAX),
    agency_responsible: unit,
    service_notice: null,
    requested_datetime: toW3c(row.createdAt),
    updated_datetime: toW3c(row.updatedAt),
    expected_datetime: toW3c(row.deadline),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.mediaUrl,
  };
}

function paging(params: Params): { limit: number; offset: number } {
  const read = (field: string, fallback: number, max: number) => {
    const raw = params.get(field);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > max) throw fail(400, "pageInvalid", { field });
    return n;
  };
  const pageSize = read("page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const page = read("page", 1, 1_000_000);
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/** A service_code filter: visible categories by code, each with the categories below it. */
function categoryFilter(codes: string[], cat: Catalogue): string[] {
  const visible = new Set(cat.visibleIds);
  const ids = new Set<string>();
  for (const code of codes) {
    const c = cat.byCode.get(code);
    if (!c || !visible.has(c.id)) throw fail(400, "serviceFilterUnknown", { code });
    ids.add(c.id);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of cat.byId.values()) {
      if (c.parentId && ids.has(c.parentId) && visible.has(c.id) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return [...ids];
}

export async function listRequests(deps: Pick<Open311Deps, "db" | "now">, city: PublicTenant, params: Params, locale: Open311Locale): Promise<Document> {
  const ids = params.list("service_request_id");
  const { limit, offset } = paging(params);
  const rows = await withTenant(deps.db, city.id, async (tx) => {
    const cat = catalogue(await listCategories(tx, { tenantId: city.id }));
    const base = { tenantId: city.id, visibleCategoryIds: cat.visibleIds, limit, offset };
    let found: Open311RequestRow[];
    if (ids) {
      // service_request_id overrides every other argument.
      if (ids.length > MAX_IDS) throw fail(400, "tooManyIds");
      const codes = ids.map((id) => parseTrackingCode(id)).filter((c): c is string => !!c);
      found = await listOpen311Requests(tx, { ...base, trackingCodes: codes });
    } else {
      const statuses = params.list("status");
      if (statuses && statuses.some((s) => s !== "open" && s !== "closed")) throw fail(400, "statusInvalid");
      const codes = params.list("service_code");
      const { from, to } = dateRange(params.get("start_date"), params.get("end_date"), deps.now());
      found = await listOpen311Requests(tx, {
        ...base,
        categoryIds: codes ? categoryFilter(codes, cat) : undefined,
        statuses: statuses ? [...(statuses.includes("open") ? OPEN_STATES : []), ...(statuses.includes("closed") ? CLOSED_STATES : [])] : undefined,
        from,
        to,
      });
    }
    return found.map((r) => requestEntry(r, cat, locale));
  });
  return { root: "service_requests", body: rows };
}

export async function getRequest(deps: Pick<Open311Deps, "db">, city: PublicTenant, id: string, locale: Open311Locale): Promise<Document> {
  const code = parseTrackingCode(id);
  // Another city's code, a private category's, a corruption report's: all simply not here.
  if (!code) throw fail(404, "requestNotFound", { id });
  const rows = await withTenant(deps.db, city.id, async (tx) => {
    const cat = catalogue(await listCategories(tx, { tenantId: city.id }));
    const found = await listOpen311Requests(tx, { tenantId: city.id, visibleCategoryIds: cat.visibleIds, trackingCodes: [code], limit: 1, offset: 0 });
    return found.map((r) => requestEntry(r, cat, locale));
  });
  if (!rows.length) throw fail(404, "requestNotFound", { id });
  return { root: "service_requests", body: rows };
}

// UPDATES (mySociety) --------------------------------------------------------

export async function listUpdates(deps: Pick<Open311Deps, "db" | "now">, city: PublicTenant, params: Params, locale: Open311Locale): Promise<Document> {
  const { from, to } = dateRange(params.get("start_date"), params.get("end_date"), deps.now());
  const { limit, offset } = paging(params);
  const rows = await withTenant(deps.db, city.id, async (tx) => {
    const cat = catalogue(await listCategories(tx, { tenantId: city.id }));
    return listOpen311Updates(tx, { tenantId: city.id, visibleCategoryIds: cat.visibleIds, from, to, limit, offset });
  });
  const description = (r: (typeof rows)[number]) => {
    if (r.type === "mark_duplicate") return say(locale, "duplicateNote");
    if ((r.type === "resolve" || r.type === "reject" || r.type === "forward") && r.note) return redact(r.note);
    if (r.type === "forward") return say(locale, "forwardedNote");
    return null;
  };
  return {
    root: "service_request_updates",
    body: rows.map((r) => ({
      update_id: r.id,
      service_request_id: r.trackingCode,
      status: open311Status(r.toStatus as RequestState),
      updated_datetime: toW3c(r.at),
      description: description(r),
      media_url: null,
      external_status_code: r.toStatus,
    })),
  };
}

/** No service is batch-type, so no token ever exists. */
export function tokenNotFound(): never {
  throw fail(404, "tokenNotFound");
}
