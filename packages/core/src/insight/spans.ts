import { isoDateToJalali } from "../calendar/jalali";
import { isoDateOfDay, weekdayOfDay } from "../calendar/tehran-time";
import { dayOfJalali } from "./periods";

/*
 * Coarser spans of the insight rollups (docs/decisions/032): a Jalali month or an Iranian week
 * (Saturday first) of Tehran days, stored as the sum of its day rows. A read covers the whole
 * spans of its range that hold no stale day with span rows, and reads day rows for the rest.
 */

export const SPAN_KINDS = ["month", "week"] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** A span of Tehran days [start, end). */
export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
}

/** The span of a kind that holds a Tehran day. */
export function spanOfDay(day: number, kind: SpanKind): Span {
  if (kind === "week") {
    const start = day - ((weekdayOfDay(day) + 1) % 7);
    return { kind, start, end: start + 7 };
  }
  const j = isoDateToJalali(isoDateOfDay(day));
  const start = dayOfJalali(j.jy, j.jm, 1);
  const end = j.jm === 12 ? dayOfJalali(j.jy + 1, 1, 1) : dayOfJalali(j.jy, j.jm + 1, 1);
  return { kind, start, end };
}

/** Every span (of each kind) holding at least one of these days, each once: what a refresh of those days rewrites. */
export function spansOfDays(days: Iterable<number>, kinds: readonly SpanKind[] = SPAN_KINDS): Span[] {
  const out = new Map<string, Span>();
  for (const day of new Set(days))
    for (const kind of kinds) {
      const s = spanOfDay(day, kind);
      out.set(`${kind}:${s.start}`, s);
    }
  return [...out.values()].sort((a, b) => a.start - b.start || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/**
 * How to read [fromDay, toDay) from span rows and day rows: every whole month of the range
 * (one that ends within it, holds no skipped day and, when `bucketOf` is given, lies within one
 * bucket, so its rows add up to one chart bucket) is taken, then the whole weeks of the gaps
 * between them; any other day is read by itself, skipped days not at all (the caller reads them
 * from the messages). Every day of the range that is not skipped is covered exactly once.
 */
export function coverRange(p: { fromDay: number; toDay: number; skip?: Iterable<number>; bucketOf?: (day: number) => string; kinds?: readonly SpanKind[] }): { spans: Span[]; days: number[] } {
  const skip = [...new Set(p.skip ?? [])].sort((a, b) => a - b);
  const kinds = p.kinds ?? SPAN_KINDS;
  const spans: Span[] = [];
  const days: number[] = [];
  /** Whether a skipped day lies in [a, b). */
  const holdsSkipped = (a: number, b: number) => {
    let lo = 0;
    let hi = skip.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (skip[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    return lo < skip.length && skip[lo]! < b;
  };
  const usable = (s: Span) => !holdsSkipped(s.start, s.end) && (!p.bucketOf || p.bucketOf(s.start) === p.bucketOf(s.end - 1));
  const skipped = new Set(skip);
  /** Covers [a, b) with spans of kinds[level] and coarser-to-finer kinds in the gaps between them. */
  const cover = (a: number, b: number, level: number) => {
    const kind = kinds[level];
    if (!kind) {
      for (let d = a; d < b; d++) if (!skipped.has(d)) days.push(d);
      return;
    }
    let gap = a;
    for (let d = a; d < b; ) {
      const s = spanOfDay(d, kind);
      if (s.start === d && s.end <= b && usable(s)) {
        cover(gap, d, level + 1);
        spans.push(s);
        gap = s.end;
      }
      d = s.end;
    }
    cover(gap, b, level + 1);
  };
  if (p.fromDay < p.toDay) cover(p.fromDay, p.toDay, 0);
  spans.sort((x, y) => x.start - y.start);
  days.sort((x, y) => x - y);
  return { spans, days };
}
