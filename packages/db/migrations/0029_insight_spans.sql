CREATE TABLE "insight_span" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_day" integer NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"corruption" boolean NOT NULL,
	"n_all" integer NOT NULL,
	"n_open" integer NOT NULL,
	"n_resolved" integer NOT NULL,
	"n_due_resolved" integer NOT NULL,
	"n_unresolved_deadline" integer NOT NULL,
	"n_on_time" integer NOT NULL,
	"n_reopened" integer NOT NULL,
	"n_duplicate" integer NOT NULL,
	"n_forwarded" integer NOT NULL,
	"n_rated" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"first_day" integer NOT NULL,
	"last_day" integer NOT NULL,
	CONSTRAINT "insight_span_pkey" PRIMARY KEY("tenant_id","kind","start_day","dimension","key","corruption")
);
--> statement-breakpoint
CREATE TABLE "insight_span_cells" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_day" integer NOT NULL,
	"category" text NOT NULL,
	"corruption" boolean NOT NULL,
	"cell_y" integer NOT NULL,
	"cell_x" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_span_cells_pkey" PRIMARY KEY("tenant_id","kind","start_day","category","corruption","cell_y","cell_x")
);
--> statement-breakpoint
CREATE TABLE "insight_span_hours" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start_day" integer NOT NULL,
	"corruption" boolean NOT NULL,
	"measure" text NOT NULL,
	"hours" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_span_hours_pkey" PRIMARY KEY("tenant_id","kind","start_day","corruption","measure","hours")
);
--> statement-breakpoint
ALTER TABLE "insight_span" ADD CONSTRAINT "insight_span_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_span_cells" ADD CONSTRAINT "insight_span_cells_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_span_hours" ADD CONSTRAINT "insight_span_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_span_volume_idx" ON "insight_span" USING btree ("tenant_id","dimension","corruption","kind","start_day","key","n_all","first_day","last_day");--> statement-breakpoint
CREATE INDEX "insight_span_cells_read_idx" ON "insight_span_cells" USING btree ("tenant_id","category","corruption","kind","start_day","cell_y","cell_x","n");--> statement-breakpoint
CREATE INDEX "insight_span_hours_read_idx" ON "insight_span_hours" USING btree ("tenant_id","corruption","kind","start_day","measure","hours","n");--> statement-breakpoint
-- "Due" and the map's districts count the unresolved messages of a range whose deadline is still ahead (ADR 016, 026):
-- with the range's bounds, the kind and the unit and district in the index, that is an index-only range instead of
-- one heap visit per message (19,000 at full scale, 5,600 blocks read cold; docs/decisions/032).
DROP INDEX IF EXISTS "requests_pending_deadline_idx";--> statement-breakpoint
CREATE INDEX "requests_pending_deadline_idx" ON "requests" ("tenant_id","deadline") INCLUDE ("created_at","kind","unit_id","district_id") WHERE resolved_at IS NULL AND deadline IS NOT NULL;--> statement-breakpoint
-- The new tables are empty: every day with rollup rows is stale (read raw) until the refresh job or `insight:rebuild` writes the spans.
INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, day FROM public.insight_daily;
