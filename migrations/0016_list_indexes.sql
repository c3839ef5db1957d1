-- The ledger list's most common question — one unit's projects in a stage, largest first, with their count and
-- total — read ~4,000 wide rows and sorted them. An index in (stage, amount) order lets the page walk the stage's
-- largest projects until 50 lie in the subtree; (stage, unit path) with the amount included answers the count and
-- total from the index alone. Without a stage, (amount) serves "largest first" the same way.
CREATE INDEX IF NOT EXISTS "projects_stage_amount_idx" ON "projects" USING btree ("stage", "total_investment_wan" DESC, "code");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_amount_idx" ON "projects" USING btree ("total_investment_wan" DESC, "code");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_stage_path_idx" ON "projects" USING btree ("stage", "unit_path" text_pattern_ops) INCLUDE ("total_investment_wan");
