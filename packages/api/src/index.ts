export { appRouter, type AppRouter } from "./root";
export { createContextFactory, createCallerFactory, type ApiDeps, type Context, type RequestInfo } from "./trpc";
export { RateLimiter } from "./auth/rate-limit";
export type { ErrorData } from "./errors";
export {
  addAttachment,
  assertRequestVisible,
  openAttachment,
  staffScopeOf,
  type AddedAttachment,
  type OpenedAttachment,
  type StaffScope,
} from "./attachments";
