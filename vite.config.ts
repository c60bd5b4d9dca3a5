import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// Server specs share nothing but each opens its own SQLite file in a temp dir.
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
