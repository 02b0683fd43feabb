import { TEHRAN_OFFSET_MINUTES, toAsciiDigits } from "@city137/core";
import { fail } from "./errors";

const OFFSET_MS = TEHRAN_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
/** GeoReport v2: a date range may not span more than 90 days. */
export const MAX_SPAN_MS = 90 * DAY_MS;

const pad = (n: number) => String(n).padStart(2, "0");

/** W3C/ISO 8601 in Tehran time with its offset: 2026-11-25T11:30:00+03:30. */
export function toW3c(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const t = typeof at === "string" ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) return null;
  const local = new Date(t + OFFSET_MS);
  const sign = TEHRAN_OFFSET_MINUTES >= 0 ? "+" : "-";
  const off = Math.abs(TEHRAN_OFFSET_MINUTES);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A W3C date-time as the spec writes it (2010-01-01T00:00:00Z), with any
 * offset. Without an offset the time is read as Tehran's; a bare date is the
 * start of that Tehran day, or its end when `endOfDay` (an end_date).
 */
export function parseW3c(input: string, field: string, opts: { endOfDay?: boolean } = {}): Date {
  const m = W3C.exec(toAsciiDigits(input.trim()));
  if (!m) throw fail(400, "dateInvalid", { field });
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const dateOnly = h === undefined;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    throw fail(400, "dateInvalid", { field });
  }
  let offsetMs = OFFSET_MS;
  if (zone === "Z") offsetMs = 0;
  else if (zone) {
    const z = zone.replace(":", "");
    offsetMs = (z.startsWith("-") ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
  }
  const at = base - offsetMs + (dateOnly && opts.endOfDay ? DAY_MS - 1 : 0);
  return new Date(at);
}

/**
 * The range a GET covers. Neither end: the last 90 days. One end: 90 days
 * from (or up to) it. Both: as given, at most 90 days apart.
 */
export function dateRange(startRaw: string | undefined, endRaw: string | undefined, now: Date): { from: Date; to: Date } {
  const start = startRaw ? parseW3c(startRaw, "start_date") : null;
  const end = endRaw ? parseW3c(endRaw, "end_date", { endOfDay: true }) : null;
  if (start && end) {
    if (end.getTime() < start.getTime()) throw fail(400, "dateOrder");
    if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw fail(400, "dateSpan");
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + MAX_SPAN_MS) };
  if (end) return { from: new Date(end.getTime() - MAX_SPAN_MS), to: end };
  return { from: new Date(now.getTime() - MAX_SPAN_MS), to: now };
}
