CREATE TABLE "request_feedback" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid,
	"score" smallint NOT NULL,
	"comment" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_feedback_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "request_feedback_one_per_request" UNIQUE("tenant_id","request_id"),
	CONSTRAINT "request_feedback_score_range" CHECK ("request_feedback"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "request_supporters" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"mobile" text,
	"name" text,
	"merged_request_id" uuid,
	"channel" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_supporters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "request_supporters_once_per_mobile" UNIQUE("tenant_id","request_id","mobile")
);
--> statement-breakpoint
ALTER TABLE "request_feedback" ADD CONSTRAINT "request_feedback_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_feedback" ADD CONSTRAINT "request_feedback_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_feedback" ADD CONSTRAINT "request_feedback_unit_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_supporters" ADD CONSTRAINT "request_supporters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_supporters" ADD CONSTRAINT "request_supporters_request_fk" FOREIGN KEY ("tenant_id","request_id") REFERENCES "public"."requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_supporters" ADD CONSTRAINT "request_supporters_merged_fk" FOREIGN KEY ("tenant_id","merged_request_id") REFERENCES "public"."requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_feedback_created_idx" ON "request_feedback" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "request_supporters_request_idx" ON "request_supporters" USING btree ("tenant_id","request_id");