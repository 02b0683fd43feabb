/**
 * Typed application errors. Domain code throws these; the API maps them to
 * tRPC errors carrying `messageKey` (and `field` when one input is at fault)
 * so the console can show a translated sentence instead of a stack trace.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageKey: string;
  readonly field?: string;
  readonly params?: Record<string, string | number>;
  /** Several inputs at fault at once: path → message key. */
  readonly fieldErrors?: Record<string, string>;

  constructor(
    code: AppErrorCode,
    messageKey: string,
    opts: {
      field?: string;
      params?: Record<string, string | number>;
      fieldErrors?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(messageKey, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.field = opts.field;
    this.params = opts.params;
    this.fieldErrors = opts.fieldErrors;
  }
}

export const notFound = (messageKey = "errors.notFound") => new AppError("NOT_FOUND", messageKey);
export const forbidden = (messageKey = "errors.forbidden") => new AppError("FORBIDDEN", messageKey);
export const unauthorized = (messageKey = "errors.unauthorized") =>
  new AppError("UNAUTHORIZED", messageKey);
