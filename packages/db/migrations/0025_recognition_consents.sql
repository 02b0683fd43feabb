CREATE TABLE "recognition_consents" (
	"tenant_id" uuid NOT NULL,
	"mobile" text NOT NULL,
	"name" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"request_id" uuid,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "recognition_consents_pkey" PRIMARY KEY("tenant_id","mobile")
);
--> statement-breakpoint
ALTER TABLE "recognition_consents" ADD CONSTRAINT "recognition_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;