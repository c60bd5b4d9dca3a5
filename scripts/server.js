#!/usr/bin/env node
// The production server (adapter-node's "custom server"): `npm start`, the e2e suite and the
// benches run this instead of build/index.js. It imports SvelteKit's handler (which runs the
// init hook: migrations, start-up, jobs), then offers each request to the lean paths of
// src/lib/server/lean.ts — the website counter's POST /api/collect and GET /reach.js, and the
// survey page's enhanced last-page answer, which hands what it does not answer itself to
// SvelteKit — before SvelteKit sees it; everything else goes to SvelteKit. Same environment as build/index.js: PORT, HOST, SOCKET_PATH, SHUTDOWN_TIMEOUT,
// KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT (and ORIGIN, ADDRESS_HEADER, XFF_DEPTH, BODY_SIZE_LIMIT…
// read by the handler). SIGTERM/SIGINT stop it as adapter-node does: close the listener, wait
// for open requests (at most SHUTDOWN_TIMEOUT s), then emit `sveltekit:shutdown`, on which
// src/lib/server/startup.ts flushes the beacons and closes the database.
import http from 'node:http';
import process from 'node:process';

const build = new URL('../build/', import.meta.url);
const { handler } = await import(new URL('handler.js', build).href);
const lean = globalThis[Symbol.for('rida.leanHandler')];
if (typeof lean !== 'function')
	console.warn('Rida: the lean paths are not registered; SvelteKit answers everything.');

const env = (name, fallback) => process.env[name] ?? fallback;
const path = env('SOCKET_PATH', undefined);
const host = env('HOST', '0.0.0.0');
const port = Number(env('PORT', '3000'));
const shutdownTimeout = Number(env('SHUTDOWN_TIMEOUT', '30'));

const notFound = (req, res) => {
	res.statusCode = 404;
	res.end('Not found');
};

let shutdownTimer;
/** SvelteKit: everything the lean paths do not take, and what they read and hand back. */
const sveltekit = (req, res) => handler(req, res, () => notFound(req, res));
const server = http.createServer((req, res) => {
	if (lean?.(req, res, sveltekit)) return;
	sveltekit(req, res);
});
const keepAlive = env('KEEP_ALIVE_TIMEOUT', undefined);
if (keepAlive) server.keepAliveTimeout = Number(keepAlive) * 1000;
const headersTimeout = env('HEADERS_TIMEOUT', undefined);
if (headersTimeout) server.headersTimeout = Number(headersTimeout) * 1000;

server.listen(path ? { path } : { host, port }, () => {
	const a = server.address();
	console.log(
		`Listening on ${typeof a === 'string' ? a : `http://${host === '0.0.0.0' ? 'localhost' : host}:${a.port}`}`
	);
});

function stop(reason) {
	if (shutdownTimer) return;
	server.closeIdleConnections();
	// Once stopping, close keep-alive connections as soon as their request is done: polled,
	// rather than a 'close' listener on every request (a cost on the counter's hot path).
	const idle = setInterval(() => server.closeIdleConnections(), 50);
	server.close((error) => {
		if (error) return;
		clearInterval(idle);
		clearTimeout(shutdownTimer);
		process.emit('sveltekit:shutdown', reason);
	});
	shutdownTimer = setTimeout(() => {
		clearInterval(idle);
		server.closeAllConnections();
	}, shutdownTimeout * 1000);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
