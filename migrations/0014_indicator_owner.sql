ALTER TABLE "indicator_definitions" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "indicator_definitions" ADD COLUMN "unit_path" text;--> statement-breakpoint
-- custom indicators made before they had owners belong to their creator's unit
UPDATE "indicator_definitions" d SET "unit_code" = u."unit_code", "unit_path" = un."path" FROM "users" u JOIN "units" un ON un."code" = u."unit_code" WHERE u."username" = d."created_by";
