CREATE TABLE "insight_daily_score" (
	"tenant_id" uuid NOT NULL,
	"day" integer NOT NULL,
	"level" text NOT NULL,
	"key" text NOT NULL,
	"n_volume" integer NOT NULL,
	"n_due_resolved" integer NOT NULL,
	"n_unresolved_deadline" integer NOT NULL,
	"n_on_time" integer NOT NULL,
	"n_resolved" integer NOT NULL,
	"n_reopened" integer NOT NULL,
	"n_ratings" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"targets" integer[] NOT NULL,
	"n_in_target" integer[] NOT NULL,
	CONSTRAINT "insight_daily_score_pkey" PRIMARY KEY("tenant_id","level","day","key")
);
--> statement-breakpoint
ALTER TABLE "insight_daily_score" ADD CONSTRAINT "insight_daily_score_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The new table is empty: every day with rollup rows is stale (read raw) until the refresh job or `insight:rebuild` fills it.
INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, day FROM public.insight_daily;
