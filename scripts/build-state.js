// Whether build/ is older than what it is built from: `npm start` and `npm test` build only then.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Everything the build reads: when one is newer than build/, the build is stale. */
const BUILD_INPUTS = [
	'src',
	'surveys',
	'static',
	'drizzle',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json'
];
const BUILD_OUTPUTS = ['build/index.js', 'build/handler.js'];

/** The newest file under `path`: [mtime, path]. */
function newest(path) {
	const st = statSync(path, { throwIfNoEntry: false });
	if (!st) return [0, path];
	if (!st.isDirectory()) return [st.mtimeMs, path];
	let best = [st.mtimeMs, path];
	for (const name of readdirSync(path)) {
		if (name.endsWith('.spec.ts')) continue; // specs are not part of the build
		const n = newest(join(path, name));
		if (n[0] > best[0]) best = n;
	}
	return best;
}

/** Why the build must run, or null when build/ is fresh. */
export function staleBecause() {
	const outputs = BUILD_OUTPUTS.map((f) => statSync(join(root, f), { throwIfNoEntry: false }));
	if (outputs.some((s) => !s)) return 'build/ is missing';
	const builtAt = Math.min(...outputs.map((s) => s.mtimeMs));
	for (const input of BUILD_INPUTS) {
		const [mtime, path] = newest(join(root, input));
		if (mtime > builtAt) return `${path.slice(root.length)} is newer than build/`;
	}
	return null;
}
