-- The cockpit's per-milestone aggregates also read listed_on and the foreign-capital amounts: with them in the
-- covering index, a province-wide figure is an index-only scan instead of a pass over every wide row.
DROP INDEX IF EXISTS "projects_scope_cover_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "projects_scope_cover_idx" ON "projects" USING btree ("unit_path" text_pattern_ops) INCLUDE ("exists_from", "stage", "status", "terminated_on", "tier_index", "total_investment_wan", "lead_on", "negotiating_on", "signed_on", "registered_on", "started_on", "completed_on", "producing_on", "at_capacity_on", "listed_on", "capital_type", "total_investment_usd_wan", "contract_foreign_capital_usd_wan");
