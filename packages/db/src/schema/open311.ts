import { foreignKey, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { createdAt, tenantId } from "./columns";
import { requests } from "./requests";

/**
 * What an Open311 client sent with a message beyond what every channel
 * carries: the key it came with, the photo link, and the client's own ids
 * and the citizen's e-mail (never returned by Open311 GETs). One row per
 * message registered through Open311.
 */
export const open311Requests = pgTable(
  "open311_requests",
  {
    tenantId: tenantId(),
    requestId: uuid("request_id").notNull(),
    /** Null only if a key row were ever removed; keys are revoked, not deleted. */
    apiKeyId: uuid("api_key_id"),
    mediaUrl: text("media_url"),
    email: text("email"),
    deviceId: text("device_id"),
    accountId: text("account_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId] }),
    foreignKey({ name: "open311_requests_request_fk", columns: [t.tenantId, t.requestId], foreignColumns: [requests.tenantId, requests.id] }),
    foreignKey({ name: "open311_requests_api_key_fk", columns: [t.tenantId, t.apiKeyId], foreignColumns: [apiKeys.tenantId, apiKeys.id] }),
  ],
);
