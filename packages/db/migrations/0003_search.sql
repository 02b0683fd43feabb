CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "requests_search_idx" ON "requests" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "requests_category_idx" ON "requests" USING btree ("tenant_id","category_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_district_idx" ON "requests" USING btree ("tenant_id","district_id","created_at");