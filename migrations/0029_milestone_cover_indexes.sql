-- Each cockpit figure counts one milestone by its own date (this year and last): a province-wide figure read the scope
-- index whole (103,000 wide entries) to keep the quarter of them dated in the window, five times per cockpit, one
-- after another on PGlite. An index per milestone date, holding what its figures read and only the projects that
-- reached it, reads just that quarter. The signing one also serves the tiers, the largest signings and the catalog's
-- signing figures (tiers, foreign capital), so it replaces the plain index on signed_on.
DROP INDEX IF EXISTS "projects_signed_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_signed_cover_idx" ON "projects" USING btree ("signed_on") INCLUDE ("unit_path", "tier_index", "capital_type", "total_investment_wan", "total_investment_usd_wan", "contract_foreign_capital_usd_wan") WHERE "signed_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_registered_cover_idx" ON "projects" USING btree ("registered_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "registered_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_started_cover_idx" ON "projects" USING btree ("started_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "started_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_completed_cover_idx" ON "projects" USING btree ("completed_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "completed_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_producing_cover_idx" ON "projects" USING btree ("producing_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "producing_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_at_capacity_cover_idx" ON "projects" USING btree ("at_capacity_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "at_capacity_on" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_listed_cover_idx" ON "projects" USING btree ("listed_on") INCLUDE ("unit_path", "total_investment_wan") WHERE "listed_on" IS NOT NULL;
