#!/usr/bin/env node
// `npm start`: build the app when the sources are newer than the build, then serve it with
// scripts/server.js (SvelteKit's handler behind the counter's lean path).
// Migrations, the demo seed (on an empty database) and first-run setup happen in the
// server's init hook (src/lib/server/startup.ts).
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'build', 'index.js');

function newest(path) {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let m = s.mtimeMs;
	for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
	return m;
}

const inputs = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'].map((p) =>
	join(root, p)
);
const stale =
	!existsSync(stamp) ||
	Math.max(...inputs.filter(existsSync).map(newest)) > statSync(stamp).mtimeMs;
if (stale) {
	console.log('Building Rida…');
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
