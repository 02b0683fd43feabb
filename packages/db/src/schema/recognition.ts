import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tenantId, tstz } from "./columns";

/**
 * A citizen's consent to be named in the city's recognition lists (engaged citizens,
 * «یاران شهر»), per mobile: given with a message (the portal's box, or the operator
 * asking the caller) or on the portal's "my messages" page, withdrawn there. Without a
 * standing consent the lists show the masked mobile only. The name is the one the
 * citizen gave with their latest consent.
 */
export const recognitionConsents = pgTable(
  "recognition_consents",
  {
    tenantId: tenantId(),
    /** Normalised 09… mobile. */
    mobile: text("mobile").notNull(),
    name: text("name").notNull(),
    givenAt: tstz("given_at").notNull(),
    /** The message it was given with; null when given on the "my messages" page. */
    requestId: uuid("request_id"),
    /** Set when withdrawn; a new consent clears it. */
    withdrawnAt: tstz("withdrawn_at"),
  },
  (t) => [primaryKey({ name: "recognition_consents_pkey", columns: [t.tenantId, t.mobile] })],
);
