-- The word search's plans depend on how common a word is (docs/decisions/015). With the default
-- statistics target (100) the planner knows only the hundred commonest words; any other word range
-- is estimated at one row, so a word in 111,000 Tehran messages was planned as if rare (7.7 s at
-- full scale instead of ~0.1 s). A larger sample and most-common-values list fixes the estimate.
ALTER TABLE "request_words" ALTER COLUMN "word" SET STATISTICS 1000;--> statement-breakpoint
ANALYZE "request_words";
