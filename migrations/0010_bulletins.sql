CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"period" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"previous_id" integer,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bulletins_unit_idx" ON "bulletins" USING btree ("unit_code","issued_at");