import { TRPCError } from "@trpc/server";
import { AppError } from "@city137/core";

export interface ErrorData {
  messageKey: string;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
}

interface Issue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
}

const OWN_KEY = /^(validation|errors)\./;

/** Input issues (zod or any standard schema) as field → message key. */
function fieldErrorsOf(issues: Issue[]): { fieldErrors: Record<string, string>; params: Record<string, number> } {
  const fieldErrors: Record<string, string> = {};
  const params: Record<string, number> = {};
  for (const issue of issues) {
    const field = (issue.path ?? []).map(String).join(".") || "_";
    if (fieldErrors[field]) continue;
    if (issue.message && OWN_KEY.test(issue.message)) fieldErrors[field] = issue.message;
    else if (issue.code === "invalid_type" && issue.input === undefined) fieldErrors[field] = "validation.required";
    else if (issue.code === "too_big") {
      fieldErrors[field] = "validation.tooLong";
      params.max = Number(issue.maximum);
    } else if (issue.code === "too_small") {
      fieldErrors[field] = "validation.tooShort";
      params.min = Number(issue.minimum);
    } else fieldErrors[field] = "validation.invalid";
  }
  return { fieldErrors, params };
}

/**
 * The one place errors take their public shape: a message key the console
 * translates, field errors for bad input, never a stack or an internal text.
 */
export function errorData(error: TRPCError): ErrorData {
  const cause = error.cause as unknown;
  if (cause instanceof AppError) {
    return {
      messageKey: cause.messageKey,
      params: cause.params,
      fieldErrors: cause.fieldErrors ?? (cause.field ? { [cause.field]: cause.messageKey } : undefined),
    };
  }
  const issues = (cause as { issues?: Issue[] } | undefined)?.issues;
  if (error.code === "BAD_REQUEST" && Array.isArray(issues)) {
    const { fieldErrors, params } = fieldErrorsOf(issues);
    return { messageKey: "errors.invalidInput", fieldErrors, params };
  }
  const byCode: Partial<Record<TRPCError["code"], string>> = {
    NOT_FOUND: "errors.notFound",
    FORBIDDEN: "errors.forbidden",
    UNAUTHORIZED: "errors.unauthorized",
    TOO_MANY_REQUESTS: "errors.auth.rateLimited",
    PARSE_ERROR: "errors.invalidInput",
    BAD_REQUEST: "errors.invalidInput",
    METHOD_NOT_SUPPORTED: "errors.invalidInput",
  };
  return { messageKey: byCode[error.code] ?? "errors.internal" };
}

/** AppError codes to tRPC codes. */
export function toTRPCError(err: unknown): unknown {
  if (err instanceof AppError) {
    return new TRPCError({ code: err.code, message: err.messageKey, cause: err });
  }
  return err;
}
