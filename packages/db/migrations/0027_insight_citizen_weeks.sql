CREATE TABLE "insight_citizen_weeks" (
	"tenant_id" uuid NOT NULL,
	"mobile" text NOT NULL,
	"week" integer NOT NULL,
	"n_confirmed" integer NOT NULL,
	"n_accepted" integer NOT NULL,
	"n_feedback" integer NOT NULL,
	"n_supports" integer NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "insight_citizen_weeks_pkey" PRIMARY KEY("tenant_id","mobile","week")
);
--> statement-breakpoint
ALTER TABLE "insight_citizen_weeks" ADD CONSTRAINT "insight_citizen_weeks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insight_citizen_weeks_points_idx" ON "insight_citizen_weeks" USING btree ("tenant_id","week","points" DESC NULLS LAST,"mobile");--> statement-breakpoint
-- The weeks are filled from the day rows already there (docs/decisions/031); stale days stay marked
-- and are recomputed, with their weeks, by the next refresh.
INSERT INTO "insight_citizen_weeks" (tenant_id, mobile, week, n_confirmed, n_accepted, n_feedback, n_supports, points)
SELECT tenant_id, mobile, (day + 5) / 7, sum(n_confirmed)::int, sum(n_accepted)::int, sum(n_feedback)::int, sum(n_supports)::int,
       sum(3 * n_confirmed + n_accepted + n_feedback + n_supports)::int
FROM "insight_citizen_daily" GROUP BY tenant_id, mobile, (day + 5) / 7;--> statement-breakpoint
DROP TABLE "insight_citizen_totals" CASCADE;
