import { dayOfIsoDate, fromTehranDayMinute, normalizePersian, requestScope, type Viewer } from "@city137/core";
import type { RequestFilter } from "@city137/db";
import type { ListRequestsInput } from "@city137/validators";

/** "Due soon" means within this many hours of now. */
export const DUE_SOON_HOURS = 4;

/**
 * Words of a search box, normalised and split the way descriptions are indexed
 * (ي/ك, digits; spaces, ZWNJ and punctuation: description_words() in migration 0014).
 * Each word matches a word of the description that starts with it.
 */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return [
    ...new Set(
      normalizePersian(q)
        .toLowerCase()
        .split(/[\s\u200c«»"'()[\],.:;!?،؛؟/-]+/u)
        .filter((w) => w.length > 0)
        .map((w) => w.slice(0, 64)),
    ),
  ].slice(0, 8);
}

const tehranDayStart = (iso: string) => fromTehranDayMinute(dayOfIsoDate(iso), 0);

/** Turns the list/search input into the database filter, with the viewer's scope applied. */
export function toFilter(
  input: ListRequestsInput,
  p: { tenantId: string; viewer: Viewer; now: Date; hqUnitIds: () => Promise<string[]> },
): Promise<RequestFilter> | RequestFilter {
  const base: RequestFilter = {
    tenantId: p.tenantId,
    scope: requestScope(p.viewer),
    mobile: input.mobile,
    trackingCode: input.trackingCode,
    words: searchWords(input.q),
    statuses: input.statuses,
    categoryId: input.categoryId,
    districtId: input.districtId,
    kind: input.kind,
    from: input.from ? tehranDayStart(input.from) : undefined,
    // "to" is inclusive: up to the start of the next Tehran day.
    to: input.to ? fromTehranDayMinute(dayOfIsoDate(input.to) + 1, 0) : undefined,
    openOnly: input.openOnly,
    limit: input.limit,
    offset: input.offset,
  };
  switch (input.queue) {
    case "mine":
      return { ...base, unitIds: [...p.viewer.unitIds] };
    case "unit":
      return { ...base, unitIds: input.unitId ? [input.unitId] : [] };
    case "hq":
      return p.hqUnitIds().then((unitIds) => ({ ...base, unitIds }));
    case "breaches":
      return { ...base, openOnly: true, statuses: undefined, unitIds: input.unitId ? [input.unitId] : undefined, deadlineBefore: p.now };
    case "due_soon":
      return { ...base, openOnly: true, statuses: undefined, unitIds: input.unitId ? [input.unitId] : undefined, deadlineBefore: new Date(p.now.getTime() + DUE_SOON_HOURS * 3_600_000) };
    default:
      return { ...base, unitIds: input.unitId ? [input.unitId] : undefined };
  }
}
