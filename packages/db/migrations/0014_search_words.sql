-- Word search under row-level security (docs/decisions/015). COLLATE "C": the primary key's btree
-- orders words by code point, so a prefix is the range [word, word || U+10FFFF) compared with
-- text_ge / text_lt, which are leakproof and therefore usable as index conditions under RLS.
CREATE TABLE "request_words" (
	"tenant_id" uuid NOT NULL,
	"word" text COLLATE "C" NOT NULL,
	"request_id" uuid NOT NULL,
	CONSTRAINT "request_words_pkey" PRIMARY KEY("tenant_id","word","request_id")
);
--> statement-breakpoint
ALTER TABLE "request_words" ADD CONSTRAINT "request_words_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_words" ADD CONSTRAINT "request_words_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."requests"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The words of a description: search_text (normalised, lower-cased) split on spaces, the zero-width
-- non-joiner and punctuation; the same split as searchWords() in packages/core.
CREATE OR REPLACE FUNCTION public.description_words(t text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT left(w, 64) FROM regexp_split_to_table(t, E'[\\s\u200c«»"''()\\[\\],.:;!?،؛؟/-]+') AS w WHERE w <> ''
$$;--> statement-breakpoint
-- Written with the message, by the writer, inside the writer's city (RLS applies as to any row).
CREATE OR REPLACE FUNCTION public.index_request_words() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public.request_words (tenant_id, word, request_id)
  SELECT NEW.tenant_id, w, NEW.id FROM public.description_words(NEW.search_text) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS request_words ON public.requests;--> statement-breakpoint
CREATE TRIGGER request_words AFTER INSERT ON public.requests FOR EACH ROW EXECUTE FUNCTION public.index_request_words();--> statement-breakpoint
-- Messages registered before this migration (run by the owner role, which must bypass RLS, as the
-- bench generator's does).
INSERT INTO public.request_words (tenant_id, word, request_id)
SELECT r.tenant_id, w, r.id FROM public.requests r, public.description_words(r.search_text) AS w
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The trigram index served LIKE, which RLS kept from using it; it only slowed every registration.
DROP INDEX IF EXISTS public.requests_search_idx;
