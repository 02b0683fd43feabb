ALTER TABLE "requests" ADD COLUMN "citizen_locale" text;--> statement-breakpoint
ALTER TABLE "request_supporters" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "portal_settings" ADD COLUMN "public_messages" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "requests_status_created_idx" ON "requests" USING btree ("tenant_id","status","created_at");