import { say, type Open311Locale, type TextKey } from "./texts";

/** HTTP statuses Open311 answers errors with: 404 missing, 403 key, 429 rate, 503 database down for a moment, 400 everything else the client can fix. */
export type Open311Status = 400 | 403 | 404 | 429 | 500 | 503;

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** A refusal in the spec's error format: one or more code/description pairs under one HTTP status. */
export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly items: Array<{ key: TextKey; params?: Record<string, string | number> }>,
  ) {
    super(items.map((i) => i.key).join(", "));
    this.name = "Open311Error";
  }

  describe(locale: Open311Locale): Open311ErrorItem[] {
    return this.items.map((i) => ({ code: this.status, description: say(locale, i.key, i.params) }));
  }
}

export const fail = (status: Open311Status, key: TextKey, params?: Record<string, string | number>) => new Open311Error(status, [{ key, params }]);
