CREATE TABLE "blocker_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"blocker_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text,
	"attachment_ids" uuid[] DEFAULT '{}' NOT NULL,
	"by_user" text NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blockers" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"type" text NOT NULL,
	"description" text NOT NULL,
	"department_ids" uuid[] NOT NULL,
	"responsible_person" text,
	"coordinating_leader" text,
	"deadline" date,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"meeting_id" integer,
	"raised_by" text NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blocker_notes" ADD CONSTRAINT "blocker_notes_blocker_id_blockers_id_fk" FOREIGN KEY ("blocker_id") REFERENCES "public"."blockers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blockers" ADD CONSTRAINT "blockers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blocker_notes_blocker_idx" ON "blocker_notes" USING btree ("blocker_id","at");--> statement-breakpoint
CREATE INDEX "blockers_project_idx" ON "blockers" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "blockers_unit_path_idx" ON "blockers" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "blockers_status_idx" ON "blockers" USING btree ("status","deadline");