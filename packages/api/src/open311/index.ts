export { Open311Error, type Open311ErrorItem, type Open311Status } from "./errors";
export { CONTENT_TYPE, render, toXml, type Document, type Open311Format, type Value } from "./format";
export { toW3c, parseW3c, dateRange, MAX_SPAN_MS } from "./dates";
export { newApiKey, hashApiKey, API_KEY_PREFIX } from "./keys";
export { say, type Open311Locale } from "./texts";
export {
  createRequest,
  DEFAULT_POST_LIMIT,
  discovery,
  getRequest,
  IDEMPOTENCY_WINDOW_MS,
  listRequests,
  listUpdates,
  localeOf,
  open311IdempotencyKey,
  Params,
  redact,
  resolveCity,
  serviceDefinitionOf,
  services,
  tokenNotFound,
  type Open311Deps,
} from "./service";
