import { integer, pgTable, real, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt } from "./columns";

/**
 * The registry of cities. Not tenant-owned: it is how a public URL finds its
 * tenant, so it holds only what any visitor of the city's portal may see.
 */
export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  slug: text("slug").notNull().unique(),
  nameFa: text("name_fa").notNull(),
  nameEn: text("name_en").notNull(),
  primaryColor: text("primary_color").notNull(),
  secondaryColor: text("secondary_color").notNull(),
  logoSvg: text("logo_svg").notNull(),
  shortNumber: text("short_number").notNull().default("137"),
  defaultLocale: text("default_locale").$type<"fa" | "en">().notNull().default("fa"),
  /** Optional host name of the city's own portal (e.g. 137.tehran.ir). */
  customHost: text("custom_host").unique(),
  smsSender: text("sms_sender"),
  mapTileUrl: text("map_tile_url"),
  mapCenterLat: real("map_center_lat"),
  mapCenterLon: real("map_center_lon"),
  mapZoom: integer("map_zoom"),
  status: text("status").$type<"active" | "suspended" | "archived">().notNull().default("active"),
  createdAt: createdAt(),
});
