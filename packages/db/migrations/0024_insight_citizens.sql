CREATE TABLE "insight_citizen_daily" (
	"tenant_id" uuid NOT NULL,
	"mobile" text NOT NULL,
	"day" integer NOT NULL,
	"n_confirmed" integer NOT NULL,
	"n_accepted" integer NOT NULL,
	"n_feedback" integer NOT NULL,
	"n_supports" integer NOT NULL,
	CONSTRAINT "insight_citizen_daily_pkey" PRIMARY KEY("tenant_id","mobile","day")
);
--> statement-breakpoint
CREATE TABLE "insight_citizen_dirty_days" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"day" integer NOT NULL,
	CONSTRAINT "insight_citizen_dirty_days_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "insight_citizen_totals" (
	"tenant_id" uuid NOT NULL,
	"mobile" text NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "insight_citizen_totals_pkey" PRIMARY KEY("tenant_id","mobile")
);
--> statement-breakpoint
ALTER TABLE "insight_citizen_daily" ADD CONSTRAINT "insight_citizen_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_citizen_dirty_days" ADD CONSTRAINT "insight_citizen_dirty_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_citizen_totals" ADD CONSTRAINT "insight_citizen_totals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_citizen_daily_day_idx" ON "insight_citizen_daily" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "insight_citizen_dirty_days_day_idx" ON "insight_citizen_dirty_days" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "insight_citizen_totals_points_idx" ON "insight_citizen_totals" USING btree ("tenant_id","points" DESC NULLS LAST,"mobile");--> statement-breakpoint
-- Marks the days whose engaged-citizen counts may have changed (docs/decisions/026): each count lies on
-- the day of its own instant (message registered, feedback given, support added). Statement-level
-- and append-only, as insight_mark_requests; run by the writer inside the writer's city (RLS applies).
CREATE OR REPLACE FUNCTION public.insight_citizen_mark_requests() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new message has no feedback or supports yet.
    INSERT INTO public.insight_citizen_dirty_days (tenant_id, day)
    SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM new_rows WHERE citizen_mobile IS NOT NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only a change the counts can see: confirmed / accepted / not counted, corruption report, mobile, registration.
    WITH changed AS (
      SELECT n.tenant_id, n.id, n.created_at AS new_at, o.created_at AS old_at
      FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
      WHERE (CASE WHEN n.status IN ('rejected','duplicate') THEN 0 WHEN n.status IN ('resolved','closed') THEN 2 ELSE 1 END,
             n.kind = 'corruption_report', n.citizen_mobile, n.created_at)
        IS DISTINCT FROM
            (CASE WHEN o.status IN ('rejected','duplicate') THEN 0 WHEN o.status IN ('resolved','closed') THEN 2 ELSE 1 END,
             o.kind = 'corruption_report', o.citizen_mobile, o.created_at)
    )
    INSERT INTO public.insight_citizen_dirty_days (tenant_id, day)
    SELECT tenant_id, public.insight_day(new_at) FROM changed
    UNION SELECT tenant_id, public.insight_day(old_at) FROM changed
    UNION SELECT f.tenant_id, public.insight_day(f.created_at) FROM changed c JOIN public.request_feedback f ON f.tenant_id = c.tenant_id AND f.request_id = c.id
    UNION SELECT s.tenant_id, public.insight_day(s.created_at) FROM changed c JOIN public.request_supporters s ON s.tenant_id = c.tenant_id AND s.request_id = c.id;
  ELSE
    INSERT INTO public.insight_citizen_dirty_days (tenant_id, day)
    SELECT tenant_id, public.insight_day(created_at) FROM old_rows
    UNION SELECT f.tenant_id, public.insight_day(f.created_at) FROM old_rows c JOIN public.request_feedback f ON f.tenant_id = c.tenant_id AND f.request_id = c.id
    UNION SELECT s.tenant_id, public.insight_day(s.created_at) FROM old_rows c JOIN public.request_supporters s ON s.tenant_id = c.tenant_id AND s.request_id = c.id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Feedback and supports count on their own day.
CREATE OR REPLACE FUNCTION public.insight_citizen_mark_own() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO public.insight_citizen_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO public.insight_citizen_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, public.insight_day(created_at) FROM old_rows;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER insight_citizen_requests_insert AFTER INSERT ON public.requests REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_citizen_requests_update AFTER UPDATE ON public.requests REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_citizen_requests_delete AFTER DELETE ON public.requests REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_requests();--> statement-breakpoint
CREATE TRIGGER insight_citizen_feedback_insert AFTER INSERT ON public.request_feedback REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
CREATE TRIGGER insight_citizen_feedback_update AFTER UPDATE ON public.request_feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
CREATE TRIGGER insight_citizen_feedback_delete AFTER DELETE ON public.request_feedback REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
CREATE TRIGGER insight_citizen_supporters_insert AFTER INSERT ON public.request_supporters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
CREATE TRIGGER insight_citizen_supporters_update AFTER UPDATE ON public.request_supporters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
CREATE TRIGGER insight_citizen_supporters_delete AFTER DELETE ON public.request_supporters REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.insight_citizen_mark_own();--> statement-breakpoint
-- Every day that already has counts is stale (read from the messages) until the first refresh or `insight:rebuild`.
INSERT INTO public.insight_citizen_dirty_days (tenant_id, day)
SELECT tenant_id, public.insight_day(created_at) FROM public.requests WHERE citizen_mobile IS NOT NULL
UNION SELECT tenant_id, public.insight_day(created_at) FROM public.request_feedback
UNION SELECT tenant_id, public.insight_day(created_at) FROM public.request_supporters;
