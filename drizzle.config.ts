import { defineConfig } from 'drizzle-kit';

// Used only to generate SQL migrations (`npm run db:generate`); the app applies them itself.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './migrations',
});
