CREATE TABLE "target_issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"note" text,
	"snapshot" jsonb NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "target_issues_version_idx" ON "target_issues" USING btree ("unit_code","year","version");