import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * Specs that need modules of their own: module mocks (`vi.mock`), fresh module graphs
 * (`vi.resetModules`) and the once-per-process startup(). Every other spec shares its worker's
 * modules with the specs before it (`isolate: false`): importing the server's modules again for
 * each of 70-odd files was most of Vitest's time. State that belongs to a database lives per
 * connection (`perConnection` in src/lib/server/db), and each spec opens its own SQLite file.
 */
const ISOLATED = [
	'src/lib/components/DualDate.spec.ts',
	'src/lib/server/reports/pdf.spec.ts',
	'src/lib/server/datakey.spec.ts',
	'src/lib/server/startup-admin.spec.ts'
];

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		environment: 'node',
		pool: 'forks',
		// Vitest's default is one fork per CPU minus one: a single fork on this 2-core machine.
		// The specs wait on disk, child processes and sockets, so two overlap well.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000,
		setupFiles: ['scripts/vitest-env.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'shared',
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					exclude: ISOLATED,
					isolate: false
				}
			},
			{ extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } }
		]
	}
});
