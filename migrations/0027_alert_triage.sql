CREATE TABLE "alert_triage" (
	"alert_id" integer PRIMARY KEY NOT NULL,
	"assignee_id" uuid,
	"snoozed_until" date,
	"snooze_reason" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_triage_assignee_idx" ON "alert_triage" USING btree ("assignee_id");