export { Open311Error, type Open311ErrorItem, type Open311Status } from "./errors";
export { CONTENT_TYPE, render, toXml, type Document, type Open311Format, type Value } from "./format";
export { toW3c, parseW3c, dateRange, MAX_SPAN_MS } from "./dates";
export { newApiKey, hashApiKey, API_KEY_PREFIX } from "./keys";
export { say, type Open311Locale } from "./texts";
export {
  createRequest,
  DEFAULT_POST_LIMIT,
  discovery,
  IDEMPOTENCY_WINDOW_MS,
  localeOf,
  open311IdempotencyKey,
  Params,
  resolveCity,
  serviceDefinitionOf,
  services,
  type Open311Deps,
} from "./service";
export { getRequest, listRequests, listUpdates, redact, tokenNotFound } from "./reads";
