CREATE TABLE "insight_daily_cells" (
	"tenant_id" uuid NOT NULL,
	"day" integer NOT NULL,
	"category" text NOT NULL,
	"corruption" boolean NOT NULL,
	"cell_y" integer NOT NULL,
	"cell_x" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_daily_cells_pkey" PRIMARY KEY("tenant_id","day","category","corruption","cell_y","cell_x")
);
--> statement-breakpoint
ALTER TABLE "insight_daily_cells" ADD CONSTRAINT "insight_daily_cells_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_daily_cells_read_idx" ON "insight_daily_cells" USING btree ("tenant_id","category","corruption","day","cell_y","cell_x","n");--> statement-breakpoint
-- The new table is empty: every day with rollup rows is stale (read raw) until the refresh job or `insight:rebuild` fills it.
INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, day FROM public.insight_daily;
