CREATE TABLE "meeting_items" (
	"meeting_id" integer NOT NULL,
	"project_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"decision" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "meeting_items_meeting_id_project_id_pk" PRIMARY KEY("meeting_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"location" text,
	"chair" text,
	"attendees" text[] DEFAULT '{}' NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_items_project_idx" ON "meeting_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "meetings_unit_idx" ON "meetings" USING btree ("unit_path");