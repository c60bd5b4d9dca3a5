import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from './config';

/**
 * The project root holds drizzle/ and surveys/. adapter-node moves server code into
 * build/server/chunks, tsx and vitest run it from src/: walk up until package.json
 * names this project, so the answer does not depend on the current directory.
 */
function findRoot(): string {
	const configured = config().root;
	if (configured) return configured;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 10; i++) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg)) {
			try {
				if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'rida') return dir;
			} catch {
				/* keep walking */
			}
		}
		const up = dirname(dir);
		if (up === dir) break;
		dir = up;
	}
	return process.cwd();
}

export const projectRoot = findRoot();
export const migrationsDir = join(projectRoot, 'drizzle');
export const surveysDir = join(projectRoot, 'surveys');
