-- Word search in the result list's order (docs/decisions/033). Each entry carries its message's
-- created_at and seq, and the key orders a word's entries by them, so the lists of several words
-- can be merged newest first (the list's ORDER BY created_at DESC, seq DESC) and a page stops
-- after its matches instead of intersecting the whole lists (docs/decisions/030).
--
-- Built beside the old table, not altered in place: an UPDATE of every entry (~60 M at full
-- scale) would maintain both indexes row by row and leave the table twice its size. The entries
-- are derived from the messages alone (the trigger of migration 0014), so they are made again
-- from requests into a bare table and its key and index built after, as the bench generator
-- does. Until the swap at the end, staff keep searching the old table and intake keeps
-- registering (into the old table); only the swap blocks writes to requests (docs/decisions/033
-- has the times).
CREATE TABLE "request_words_033" (
	"tenant_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	"request_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL
);--> statement-breakpoint
INSERT INTO public.request_words_033 (tenant_id, word, request_id, created_at, seq)
SELECT r.tenant_id, w, r.id, r.created_at, r.seq FROM public.requests r, public.description_words(r.search_text) AS w;--> statement-breakpoint
ALTER TABLE "request_words_033" ADD CONSTRAINT "request_words_033_pkey" PRIMARY KEY("tenant_id","word","created_at","seq","request_id");--> statement-breakpoint
CREATE INDEX "request_words_033_request_idx" ON "request_words_033" USING btree ("tenant_id","request_id","word");--> statement-breakpoint
-- The planner's view of each word's frequency (migration 0021).
ALTER TABLE "request_words_033" ALTER COLUMN "word" SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "request_words_033";--> statement-breakpoint
-- The swap. From here to the commit no message is written; those registered while the table was
-- built (each statement here sees what is committed when it starts) are added first. Intake
-- stamps created_at with the time of registration, so a day back covers any migration.
LOCK TABLE public.requests IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
INSERT INTO public.request_words_033 (tenant_id, word, request_id, created_at, seq)
SELECT r.tenant_id, w, r.id, r.created_at, r.seq FROM public.requests r, public.description_words(r.search_text) AS w
WHERE r.created_at >= now() - interval '1 day'
  AND NOT EXISTS (SELECT 1 FROM public.request_words_033 x WHERE x.tenant_id = r.tenant_id AND x.request_id = r.id);--> statement-breakpoint
DROP TABLE "request_words";--> statement-breakpoint
ALTER TABLE "request_words_033" RENAME TO "request_words";--> statement-breakpoint
ALTER TABLE "request_words" RENAME CONSTRAINT "request_words_033_pkey" TO "request_words_pkey";--> statement-breakpoint
ALTER INDEX "request_words_033_request_idx" RENAME TO "request_words_request_idx";--> statement-breakpoint
-- Protected from the start (sql/hardening.sql adds the policy and the runtime's grants after the run).
ALTER TABLE "request_words" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_words" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "request_words" ADD CONSTRAINT "request_words_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_words" ADD CONSTRAINT "request_words_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Written with the message, by the writer, inside the writer's city (RLS applies as to any row).
CREATE OR REPLACE FUNCTION public.index_request_words() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public.request_words (tenant_id, word, request_id, created_at, seq)
  SELECT NEW.tenant_id, w, NEW.id, NEW.created_at, NEW.seq FROM public.description_words(NEW.search_text) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The product never changes a message's created_at or seq, but fixtures and repairs may: the
-- entries follow, or the merged order would be wrong.
CREATE OR REPLACE FUNCTION public.reorder_request_words() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE public.request_words SET created_at = NEW.created_at, seq = NEW.seq
  WHERE tenant_id = NEW.tenant_id AND request_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS request_words_order ON public.requests;--> statement-breakpoint
CREATE TRIGGER request_words_order AFTER UPDATE OF created_at, seq ON public.requests FOR EACH ROW
WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.seq IS DISTINCT FROM NEW.seq)
EXECUTE FUNCTION public.reorder_request_words();
