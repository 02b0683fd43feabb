import type { MessageKind } from "../routing/vocabulary";
import type { RequestState } from "../requests/state-machine";
import { redact } from "../text/redact";

/**
 * What the portal shows the public of a city's messages (docs/decisions/016).
 * Only reports about the city itself: a request or a suggestion. Complaints,
 * criticism and thanks often name an employee; inquiries are personal;
 * corruption reports have their own protected channel and are never listed.
 */
export const PUBLIC_KINDS = ["request", "suggestion"] as const satisfies readonly MessageKind[];

/** The status groups a visitor filters by; duplicates are never listed (their original is). */
export const PUBLIC_STATUS: Record<"open" | "resolved" | "closed", RequestState[]> = {
  open: ["registered", "referred", "in_progress", "reopened"],
  resolved: ["resolved"],
  closed: ["closed", "rejected", "forwarded"],
};
export const PUBLIC_STATES: RequestState[] = [...PUBLIC_STATUS.open, ...PUBLIC_STATUS.resolved, ...PUBLIC_STATUS.closed];

/** Messages on one page of the public list. */
export const PUBLIC_PAGE_SIZE = 20;

/**
 * A public point is rounded to three decimals (about 100 m): close enough to
 * find the pothole, too coarse to point at the door of whoever reported it.
 */
export function publicPoint(lat: number | null, lon: number | null): { lat: number; lon: number } | null {
  if (lat === null || lon === null) return null;
  return { lat: Math.round(lat * 1000) / 1000, lon: Math.round(lon * 1000) / 1000 };
}

/** The description as the public reads it: mobiles, national ids and e-mail addresses removed, at most 1000 characters. */
export function publicDescription(text: string): string {
  return redact(text).slice(0, 1000);
}
