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
/** Open311 GeoReport v2 for the HTTP host (docs/decisions/008). */
export * as open311 from "./open311";
/** The citizen portal's files (uploads with a submit token, proof photos with a tracking token). */
export { addCitizenAttachment, assertPortalUpload, openProofPhoto } from "./routers/portal/files";
/** The protected channel's keys (docs/decisions/017). */
export { devKeyring, keyringFromConfig, type ProtectedKeyring } from "./protected/keys";
export { rewrapProtectedReports } from "./protected/rotate";
