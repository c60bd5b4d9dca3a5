#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the build, then serve it with
// scripts/server.js (SvelteKit's handler behind the counter's lean path).
// Migrations, the demo seed (on an empty database) and first-run setup happen in the
// server's init hook (src/lib/server/startup.ts).
import { execSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBecause } from './build-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const stale = staleBecause();
if (stale) {
	console.log(`Building Rida (${stale})…`);
	execSync('npx vite build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const child = spawn(process.execPath, [join(root, 'scripts', 'server.js')], {
	cwd: root,
	stdio: 'inherit',
	// Uploads (imports) up to 10 MB; every form and endpoint still checks its own smaller limit.
	env: { PORT: '3000', BODY_SIZE_LIMIT: '10M', ...process.env }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
