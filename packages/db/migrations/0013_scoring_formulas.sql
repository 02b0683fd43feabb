CREATE TABLE "scoring_formulas" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"min_volume" integer NOT NULL,
	"target_hours" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_formulas_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "scoring_formulas_tenant_version_key" UNIQUE("tenant_id","version")
);
--> statement-breakpoint
ALTER TABLE "scoring_formulas" ADD CONSTRAINT "scoring_formulas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_formulas" ADD CONSTRAINT "scoring_formulas_created_by_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;