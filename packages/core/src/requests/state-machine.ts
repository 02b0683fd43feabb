/**
 * The life of a citizen message. Labels are configurable per city; these
 * semantics are not. Every change of state goes through `transition`.
 */
export const REQUEST_STATES = [
  "registered", // ثبت‌شده
  "referred", // ارجاع‌شده
  "in_progress", // در دست اقدام
  "resolved", // رسیدگی‌شده
  "closed", // بسته‌شده
  "rejected", // ردشده (with a reason)
  "duplicate", // تکراری (linked to the original)
  "forwarded", // غیرشهرداری (sent to an external agency)
  "reopened", // بازگشایی‌شده (the citizen disputes the resolution)
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_ACTIONS = [
  "refer",
  "return_to_hq",
  "start",
  "resolve",
  "close",
  "reject",
  "mark_duplicate",
  "forward",
  "reopen",
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

const OPEN: ReadonlySet<RequestState> = new Set(["registered", "referred", "in_progress", "reopened"]);

const RULES: Record<RequestAction, { from: readonly RequestState[]; to: RequestState }> = {
  refer: { from: ["registered", "referred", "in_progress", "reopened"], to: "referred" },
  return_to_hq: { from: ["referred", "in_progress", "reopened"], to: "registered" },
  start: { from: ["referred", "reopened"], to: "in_progress" },
  resolve: { from: ["referred", "in_progress", "reopened"], to: "resolved" },
  close: { from: ["resolved"], to: "closed" },
  reject: { from: ["registered", "referred", "in_progress", "reopened"], to: "rejected" },
  mark_duplicate: { from: ["registered", "referred", "in_progress"], to: "duplicate" },
  forward: { from: ["registered", "referred"], to: "forwarded" },
  reopen: { from: ["resolved", "closed"], to: "reopened" },
};

/** Still waiting for the city: counts against deadlines and queues. */
export function isOpen(state: RequestState): boolean {
  return OPEN.has(state);
}

/** Open311's two statuses. */
export function open311Status(state: RequestState): "open" | "closed" {
  return isOpen(state) ? "open" : "closed";
}

export type Transition = { ok: true; to: RequestState } | { ok: false; messageKey: string; params: { from: RequestState; action: RequestAction } };

export function transition(from: RequestState, action: RequestAction): Transition {
  const rule = RULES[action];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  return { ok: false, messageKey: `errors.request.cannot.${action}`, params: { from, action } };
}

/** The actions open to a message in this state, for the console's buttons. */
export function availableActions(from: RequestState): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => RULES[a].from.includes(from));
}

/** Reopening and re-referring restart the deadline; nothing else moves it. */
export function restartsDeadline(action: RequestAction): boolean {
  return action === "reopen" || action === "refer";
}
