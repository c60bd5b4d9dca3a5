// Every route folder has an entry in tests/access.ts, and every entry is a real route.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../tests/access';

const root = join(__dirname, '..', 'src', 'routes');

function routeIds(dir: string): string[] {
	const out: string[] = [];
	const files = readdirSync(dir);
	if (files.some((f) => /^\+(page|server)(\.server)?\.(svelte|ts)$/.test(f))) {
		const id = '/' + relative(root, dir).split(sep).join('/');
		out.push(id === '/' ? '/' : id);
	}
	for (const f of files)
		if (statSync(join(dir, f)).isDirectory()) out.push(...routeIds(join(dir, f)));
	return out;
}

describe('route × role table', () => {
	const ids = routeIds(root);
	it('covers every route', () => {
		const missing = ids.filter((id) => !(id in ROUTES));
		expect(missing, `add these routes to tests/access.ts`).toEqual([]);
	});
	it('lists no route that does not exist', () => {
		const extra = Object.keys(ROUTES).filter((id) => !ids.includes(id));
		expect(extra).toEqual([]);
	});
});
