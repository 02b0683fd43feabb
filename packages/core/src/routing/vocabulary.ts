/** Message kinds (نوع پیام). */
export const MESSAGE_KINDS = [
  "request",
  "complaint",
  "criticism",
  "suggestion",
  "thanks",
  "inquiry",
  "corruption_report",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Channels (درگاه ورودی). */
export const CHANNELS = ["phone", "web", "app", "messenger", "qr", "in_person", "direct_session", "open311"] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ["normal", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Operator shifts in Tehran local time: morning 06–14, noon 14–22, night 22–06. */
export const SHIFTS = ["morning", "noon", "night"] as const;
export type Shift = (typeof SHIFTS)[number];

export function shiftOfMinute(minuteOfDay: number): Shift {
  if (minuteOfDay >= 360 && minuteOfDay < 840) return "morning";
  if (minuteOfDay >= 840 && minuteOfDay < 1320) return "noon";
  return "night";
}
