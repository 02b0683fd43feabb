import { fromTehranDayMinute, type Channel, type MessageKind } from "@city137/core";
import { Rng, Weighted } from "./random";

/**
 * The shape of a year of citizen messages. Facts from the domain notes:
 * Tehran 2.4 M contacts a year, record day 25,000, shifts 60 / 30 / 10 %;
 * Shiraz 180–200 k a year. Mashhad and Qom have no published figure here:
 * Mashhad is taken as half of Tehran and Qom as 1.5 × Shiraz (assumptions).
 */
export const CITY_VOLUMES: Record<string, number> = {
  tehran: 2_400_000,
  mashhad: 1_200_000,
  qom: 300_000,
  shiraz: 200_000,
};

/** Tehran's record day is ~3.8 × its mean day (25,000 vs 6,575). */
export const RECORD_DAY_FACTOR = 3.8;

/** Operator shifts in Tehran time and their share of the day's messages. */
export const SHIFT_SHARES = { morning: 0.6, noon: 0.3, night: 0.1 } as const;

/** Relative load of each hour within its shift (hours in Tehran time). */
const HOUR_SHAPE: Record<keyof typeof SHIFT_SHARES, Array<[number, number]>> = {
  morning: [[6, 0.4], [7, 0.8], [8, 1.2], [9, 1.4], [10, 1.4], [11, 1.3], [12, 1.1], [13, 1.0]],
  noon: [[14, 1.1], [15, 1.0], [16, 1.0], [17, 1.1], [18, 1.1], [19, 1.0], [20, 0.9], [21, 0.7]],
  night: [[22, 1.6], [23, 1.2], [0, 0.8], [1, 0.5], [2, 0.3], [3, 0.3], [4, 0.4], [5, 0.7]],
};

/** Hour of the day (Tehran) with the shift shares applied: sums to 1. */
export const HOURS = new Weighted<number>(
  (Object.keys(SHIFT_SHARES) as Array<keyof typeof SHIFT_SHARES>).flatMap((shift) => {
    const total = HOUR_SHAPE[shift].reduce((s, [, w]) => s + w, 0);
    return HOUR_SHAPE[shift].map(([h, w]) => [h, (SHIFT_SHARES[shift] * w) / total] as const);
  }),
);

/** Weekday factor (0 Sunday … 5 Friday, 6 Saturday): Friday is the weekend, Thursday half. */
const WEEKDAY = [1.0, 1.0, 1.0, 1.0, 0.8, 0.55, 1.1];

/**
 * Day weights over the window: weekday, a mild winter peak, and a few storm
 * days (street flooding) of which the worst reaches the record-day factor.
 */
export function dayWeights(firstDay: number, days: number, rng: Rng): { weights: Weighted<number>; stormDays: Set<number> } {
  const raw = Array.from({ length: days }, (_, i) => {
    const day = firstDay + i;
    const weekday = (((day + 4) % 7) + 7) % 7;
    const season = 1 + 0.12 * Math.cos((2 * Math.PI * (day - 19_000)) / 365.25); // peaks in January
    return WEEKDAY[weekday]! * season;
  });
  const mean = raw.reduce((s, w) => s + w, 0) / days;
  const stormDays = new Set<number>();
  const storms = days >= 60 ? [RECORD_DAY_FACTOR, 2.6, 2.2, 1.8] : [];
  for (const factor of storms) {
    let i = rng.int(days);
    while (stormDays.has(firstDay + i)) i = rng.int(days);
    stormDays.add(firstDay + i);
    raw[i] = mean * factor;
  }
  return { weights: new Weighted(raw.map((w, i) => [firstDay + i, w] as const)), stormDays };
}

/** A creation instant: a day from the day weights, an hour from the shift shape, a uniform minute and millisecond. */
export function drawCreatedAt(days: Weighted<number>, rng: Rng): number {
  const day = days.draw(rng);
  const hour = HOURS.draw(rng);
  return fromTehranDayMinute(day, hour * 60).getTime() + rng.int(3_600_000);
}

/** How often each leaf category is used (a skewed, Zipf-like mix; waste collection first). */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  "waste.collection": 18,
  "waste.street_cleaning": 9,
  "roads.potholes": 8,
  "waste.debris": 6,
  lighting: 6,
  "waste.bins": 5,
  "green.trees": 5,
  "planning.obstruction": 5,
  general: 5,
  animals: 4,
  "roads.sidewalks": 4,
  "planning.illegal": 4,
  "green.parks": 3,
  "transit.bus": 3,
  conduct: 3,
  "external.water": 3,
  "green.irrigation": 2,
  "external.power": 2,
  "external.traffic_police": 2,
  "roads.flooding": 1.5,
  "roads.signs": 1.5,
  "transit.metro": 1.5,
  "transit.taxi": 1.5,
  "external.gas": 1,
  fire: 0.8,
  "planning.unsafe": 0.7,
  corruption: 0.3,
};

/** On a storm day flooding and gutters dominate. */
export const STORM_BOOST: Record<string, number> = { "roads.flooding": 40, "waste.street_cleaning": 3, "roads.potholes": 1.5 };

export const KIND_WEIGHTS: Record<MessageKind, number> = {
  request: 0.55,
  complaint: 0.3,
  inquiry: 0.07,
  criticism: 0.05,
  suggestion: 0.02,
  thanks: 0.01,
  corruption_report: 1,
};

/** For the suggestions / criticism / thanks category. */
export const GENERAL_KIND_WEIGHTS: Partial<Record<MessageKind, number>> = { suggestion: 0.35, criticism: 0.3, thanks: 0.2, inquiry: 0.15 };

export const CHANNELS = new Weighted<Channel>([
  ["phone", 0.62],
  ["app", 0.14],
  ["web", 0.12],
  ["messenger", 0.04],
  ["qr", 0.04],
  ["in_person", 0.02],
  ["direct_session", 0.01],
  ["open311", 0.01],
]);

/** Categories reported without a place (the office, a line, a person). */
export const PLACELESS = new Set(["conduct", "general", "corruption", "transit.metro", "transit.taxi"]);

/** What becomes of a message once the city has had time to act. */
export const OUTCOMES = new Weighted<"handled" | "rejected" | "duplicate" | "stalled">([
  ["handled", 0.9],
  ["rejected", 0.04],
  ["duplicate", 0.03],
  ["stalled", 0.03],
]);

export const AFTER_RESOLVE = new Weighted<"closed" | "reopened" | "left">([
  ["closed", 0.7],
  ["reopened", 0.04],
  ["left", 0.26],
]);

/** Share of messages forwarded to the outside agency for "other agencies" categories. */
export const FORWARD_SHARE = 0.75;
