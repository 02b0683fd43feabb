ALTER TABLE "insight_daily" ADD COLUMN "n_unresolved_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The clock-dependent part of "due" is now read as (unresolved with a deadline, from the rollup)
-- minus (those whose deadline is still ahead, raw): the second set is found by deadline.
DROP INDEX IF EXISTS "requests_unresolved_deadline_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "requests_pending_deadline_idx" ON "requests" ("tenant_id","deadline") WHERE resolved_at IS NULL AND deadline IS NOT NULL;--> statement-breakpoint
-- The new count is 0 in existing rows until recomputed: every day with rollup rows is stale until the refresh.
INSERT INTO public.insight_dirty_days (tenant_id, day) SELECT DISTINCT tenant_id, day FROM public.insight_daily;
