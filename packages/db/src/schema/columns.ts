import { sql } from "drizzle-orm";
import { timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const id = () => uuid("id").notNull().default(sql`gen_random_uuid()`);
export const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id);
export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
