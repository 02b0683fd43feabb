/** The SMS a city sends, by event. */
export const SMS_EVENTS = ["request_registered", "request_supported", "request_resolved", "request_rejected", "request_forwarded", "otp"] as const;
export type SmsEvent = (typeof SMS_EVENTS)[number];
export type SmsLocale = "fa" | "en";

/** Placeholders a template may use. */
export interface SmsVars {
  city: string;
  code?: string;
  link?: string;
  note?: string;
  otp?: string;
  shortNumber?: string;
}

/** Defaults in code; a city overrides any of them (sms_templates). Short: one SMS page is 70 Persian characters. */
export const DEFAULT_TEMPLATES: Record<SmsEvent, Record<SmsLocale, string>> = {
  request_registered: {
    fa: "{{city}}: پیام شما ثبت شد. کد پیگیری: {{code}}\nپیگیری: {{link}}",
    en: "{{city}}: your message is registered. Tracking code: {{code}}\nTrack: {{link}}",
  },
  /** «من هم»: a caller added to an open message hears its code; they are texted its answer too. */
  request_supported: {
    fa: "{{city}}: تماس شما به پیام {{code}} افزوده شد؛ نتیجه را پیامک می‌کنیم.\nپیگیری: {{link}}",
    en: "{{city}}: your call was added to message {{code}}; we will text you the outcome.\nTrack: {{link}}",
  },
  request_resolved: {
    fa: "{{city}}: پیام {{code}} رسیدگی شد.\nپاسخ: {{note}}\nنظرتان را بگویید: {{link}}",
    en: "{{city}}: message {{code}} was resolved.\nAnswer: {{note}}\nRate our work: {{link}}",
  },
  request_rejected: {
    fa: "{{city}}: پیام {{code}} قابل پیگیری نبود.\nدلیل: {{note}}\nجزئیات: {{link}}",
    en: "{{city}}: message {{code}} could not be taken up.\nReason: {{note}}\nDetails: {{link}}",
  },
  request_forwarded: {
    fa: "{{city}}: پیام {{code}} به دستگاه مسئول ({{note}}) فرستاده شد.\nجزئیات: {{link}}",
    en: "{{city}}: message {{code}} was sent on to the agency in charge ({{note}}).\nDetails: {{link}}",
  },
  otp: {
    fa: "{{city}}\nکد تأیید شما: {{otp}}\nاین کد را به کسی ندهید.",
    en: "{{city}}\nYour verification code: {{otp}}\nDo not share it.",
  },
};

export function isSmsEvent(e: string): e is SmsEvent {
  return (SMS_EVENTS as readonly string[]).includes(e);
}

/** Fills the placeholders; an answer too long for an SMS is cut (the link carries the rest). */
export function renderSms(template: string, vars: SmsVars): string {
  const values: Record<string, string> = { ...vars, note: cut(vars.note ?? "", 160) } as Record<string, string>;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "").trim();
}

function cut(s: string, max: number): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** Placeholders a template may use, for the editor's check. */
export const TEMPLATE_PLACEHOLDERS = ["city", "code", "link", "note", "otp", "shortNumber"] as const;

/** Unknown placeholders in a city's template (a typo would send an empty hole). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).filter((n) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(n));
}
