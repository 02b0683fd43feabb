import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tstz } from "./columns";
import type { PlatformRole } from "@city137/core";

/** Platform staff: not tied to any city; reachable only through withPlatform(). */
export const platformUsers = pgTable(
  "platform_users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    username: text("username").notNull(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    roles: text("roles").array().$type<PlatformRole[]>().notNull(),
    active: boolean("active").notNull().default(true),
    failedCount: integer("failed_count").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("platform_users_username_key").on(sql`lower(${t.username})`),
    uniqueIndex("platform_users_email_key").on(sql`lower(${t.email})`),
  ],
);

export const platformSessions = pgTable("platform_sessions", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  tokenHash: text("token_hash").notNull().unique(),
  userId: uuid("user_id")
    .notNull()
    .references(() => platformUsers.id),
  createdAt: createdAt(),
  lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
  expiresAt: tstz("expires_at").notNull(),
});

export const platformAuditLog = pgTable(
  "platform_audit_log",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    at: tstz("at").notNull().defaultNow(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: jsonb("detail"),
    ip: text("ip"),
  },
  (t) => [index("platform_audit_log_at_idx").on(t.at)],
);
