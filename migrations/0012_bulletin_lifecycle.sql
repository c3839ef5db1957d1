CREATE TABLE "bulletin_profiles" (
	"unit_code" text PRIMARY KEY NOT NULL,
	"doc_number_pattern" text NOT NULL,
	"issuer_name" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulletins" ALTER COLUMN "number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "as_of" date;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "status" text DEFAULT 'issued' NOT NULL;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "doc_number" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "submitted_by" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "signed_on" date;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "replaced_by" integer;--> statement-breakpoint
ALTER TABLE "bulletins" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "bulletins_unit_period_idx" ON "bulletins" USING btree ("unit_code","period");--> statement-breakpoint
-- bulletins issued before drafts existed: their as-of day and signing day from what they recorded
UPDATE "bulletins" SET "as_of" = ("content" ->> 'asOf')::date, "signed_on" = ("issued_at" AT TIME ZONE 'Asia/Shanghai')::date WHERE "as_of" IS NULL;
