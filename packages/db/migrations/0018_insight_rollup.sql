CREATE TABLE "insight_daily" (
	"tenant_id" uuid NOT NULL,
	"day" integer NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"corruption" boolean NOT NULL,
	"n_all" integer NOT NULL,
	"n_open" integer NOT NULL,
	"n_resolved" integer NOT NULL,
	"n_due_resolved" integer NOT NULL,
	"n_on_time" integer NOT NULL,
	"n_reopened" integer NOT NULL,
	"n_duplicate" integer NOT NULL,
	"n_forwarded" integer NOT NULL,
	"n_rated" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	CONSTRAINT "insight_daily_pkey" PRIMARY KEY("tenant_id","dimension","day","key","corruption")
);
--> statement-breakpoint
CREATE TABLE "insight_daily_hours" (
	"tenant_id" uuid NOT NULL,
	"day" integer NOT NULL,
	"corruption" boolean NOT NULL,
	"measure" text NOT NULL,
	"hours" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "insight_daily_hours_pkey" PRIMARY KEY("tenant_id","measure","day","corruption","hours")
);
--> statement-breakpoint
CREATE TABLE "insight_dirty_days" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"day" integer NOT NULL,
	CONSTRAINT "insight_dirty_days_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "insight_daily" ADD CONSTRAINT "insight_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_daily_hours" ADD CONSTRAINT "insight_daily_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_dirty_days" ADD CONSTRAINT "insight_dirty_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_dirty_days_day_idx" ON "insight_dirty_days" USING btree ("tenant_id","day");--> statement-breakpoint
-- Tehran day of an instant (UTC+03:30, days since 1970-01-01): the same as tehranDay in queries/insight.ts.
CREATE OR REPLACE FUNCTION public.insight_day(t timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ((extract(epoch from t)::bigint + 12600) / 86400)::int $$;--> statement-breakpoint
-- Marks the days of changed messages stale (docs/decisions/016). Statement-level, so a bulk write
-- adds one row per day, not per message; run by the writer, inside the writer's city (RLS applies).
CREATE OR REPLACE FUNCTION public.insight_mark_requests() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO public.insight_dirty_days (tenant_id, day)
    SELECT tenant_id, public.insight_day(created_at) FROM new_rows UNION SELECT tenant_id, public.insight_day(created_at) FROM old_rows;
  ELSE
    INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM old_rows;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A reopen or a referral changes figures of the message's registration day; so does feedback.
CREATE OR REPLACE FUNCTION public.insight_mark_related() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO public.insight_dirty_days (tenant_id, day)
    SELECT DISTINCT r.tenant_id, public.insight_day(r.created_at) FROM new_rows x JOIN public.requests r ON r.tenant_id = x.tenant_id AND r.id = x.request_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO public.insight_dirty_days (tenant_id, day)
    SELECT DISTINCT r.tenant_id, public.insight_day(r.created_at) FROM old_rows x JOIN public.requests r ON r.tenant_id = x.tenant_id AND r.id = x.request_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER insight_requests_insert AFTER INSERT ON public.requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_requests_update AFTER UPDATE ON public.requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_requests_delete AFTER DELETE ON public.requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_events_insert AFTER INSERT ON public.request_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_related();--> statement-breakpoint
CREATE TRIGGER insight_feedback_insert AFTER INSERT ON public.request_feedback REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_related();--> statement-breakpoint
CREATE TRIGGER insight_feedback_update AFTER UPDATE ON public.request_feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_related();--> statement-breakpoint
CREATE TRIGGER insight_feedback_delete AFTER DELETE ON public.request_feedback REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_mark_related();--> statement-breakpoint
-- Messages still without a resolution but with a deadline: the clock-dependent part of "due", read raw.
CREATE INDEX IF NOT EXISTS "requests_unresolved_deadline_idx" ON "requests" ("tenant_id","created_at") WHERE resolved_at IS NULL AND deadline IS NOT NULL;--> statement-breakpoint
-- Every day that already has messages is stale until the first refresh or `insight:rebuild`.
INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM public.requests;
