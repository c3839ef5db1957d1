ALTER TABLE "projects" ADD COLUMN "name_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_name_key_idx" ON "projects" USING btree ("name_key");