import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// Server specs share nothing but each opens its own SQLite file in a temp dir.
		pool: 'forks',
		// Vitest's default is one fork per CPU minus one: a single fork on this 2-core machine.
		// The specs wait on disk, child processes and sockets, so two overlap well.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
