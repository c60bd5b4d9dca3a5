import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/schema',
	out: './drizzle',
	dbCredentials: { url: process.env.DATABASE_PATH || './data/rida.db' },
	strict: true,
	verbose: true
});
