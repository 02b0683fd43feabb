CREATE TABLE "protected_report_entries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text,
	"size_bytes" integer,
	"content" text NOT NULL,
	"written_on" date NOT NULL,
	CONSTRAINT "protected_report_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "protected_report_entries_seq" UNIQUE("tenant_id","report_id","seq")
);
--> statement-breakpoint
CREATE TABLE "protected_reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"receipt_prefix" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"key_version" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"body" text NOT NULL,
	"received_on" date NOT NULL,
	"updated_on" date NOT NULL,
	CONSTRAINT "protected_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "protected_reports_number" UNIQUE("tenant_id","number")
);
--> statement-breakpoint
ALTER TABLE "protected_report_entries" ADD CONSTRAINT "protected_report_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_report_entries" ADD CONSTRAINT "protected_report_entries_report_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."protected_reports"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_reports" ADD CONSTRAINT "protected_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "protected_reports_receipt_idx" ON "protected_reports" USING btree ("tenant_id","receipt_prefix");