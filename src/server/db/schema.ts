// Every table of the product, gathered for Drizzle and drizzle-kit. Each capability owns its own schema file.
export * from '../units/schema.ts';
export * from '../departments/schema.ts';
export * from '../users/schema.ts';
export * from '../auth/schema.ts';
export * from '../audit/schema.ts';
export * from '../settings/schema.ts';
export * from '../projects/schema.ts';
export * from '../targets/schema.ts';
export * from '../league/schema.ts';
export * from '../reporting/schema.ts';
export * from '../alerts/schema.ts';
export * from '../blockers/schema.ts';
export * from '../bulletins/schema.ts';
export * from '../meetings/schema.ts';
export * from '../chains/schema.ts';
export * from '../companies/schema.ts';
export * from '../trips/schema.ts';
