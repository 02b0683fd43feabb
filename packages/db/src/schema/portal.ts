import { boolean, index, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { createdAt, id, tenantId, tstz } from "./columns";

/** A city's portal settings: one row per city, made on first use with id = tenant_id (so no second row can appear). */
export const portalSettings = pgTable(
  "portal_settings",
  {
    tenantId: tenantId(),
    id: id(),
    /** Days after resolution in which a verified citizen may reopen a message. */
    reopenWindowDays: integer("reopen_window_days").notNull().default(14),
    /** Daily caps on one-time codes, against SMS pumping. */
    otpPerMobileDaily: integer("otp_per_mobile_daily").notNull().default(5),
    otpPerClientDaily: integer("otp_per_client_daily").notNull().default(10),
    otpPerCityDaily: integer("otp_per_city_daily").notNull().default(2000),
    /** Whether the portal shows the city's public messages (map, list, "me too"); the city admin toggles it. */
    publicMessages: boolean("public_messages").notNull().default(true),
    /** Random key (hex) that signs the city's QR codes and SMS links; rotating it voids every printed code and sent link. */
    signingSecret: text("signing_secret").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** One one-time code sent to a mobile. Only its hash is kept. */
export const otpChallenges = pgTable(
  "otp_challenges",
  {
    tenantId: tenantId(),
    id: id(),
    mobile: text("mobile").notNull(),
    codeHash: text("code_hash").notNull(),
    /** Keyed hash of the client address, for the per-client cap (never the address). */
    clientHash: text("client_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("otp_challenges_mobile_idx").on(t.tenantId, t.mobile, t.createdAt),
    index("otp_challenges_client_idx").on(t.tenantId, t.clientHash, t.createdAt),
    index("otp_challenges_created_idx").on(t.tenantId, t.createdAt),
  ],
);

/** A citizen who proved a mobile number: sees that number's messages in this city. */
export const citizenSessions = pgTable(
  "citizen_sessions",
  {
    tenantId: tenantId(),
    id: id(),
    mobile: text("mobile").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique("citizen_sessions_token_hash").on(t.tenantId, t.tokenHash)],
);
