/**
 * The outbox under a crash: a worker process is killed with SIGKILL in the middle of sending
 * 200 SMS; after a restart every message is delivered exactly once. The test's gateway keeps
 * what a real one does with an Idempotency-Key: a repeated key is acknowledged, not re-sent.
 */
import { resetConfig } from '../config';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../paths';
import { useTestDb } from '../testing';
import { outboxMessage } from '../db/schema';
import { enqueue } from './outbox';
import { makeInvitations } from './testdata';

const ctx = useTestDb();
const N = 200;
let server: Server;
let url = '';
let posts = 0;
const delivered = new Map<string, number>(); // key -> times actually delivered
const onPost: (() => void)[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			posts++;
			const key = String(req.headers['idempotency-key']);
			setTimeout(() => {
				if (!delivered.has(key)) delivered.set(key, 1); // a duplicate key is not sent again
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ id: key }));
				for (const f of onPost) f();
			}, 3);
			JSON.parse(raw);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
	process.env.SMS_GATEWAY_URL = url; // so enqueue() picks SMS as the channel
	resetConfig();
});
afterAll(() => server.close());

function worker(): ChildProcess {
	return spawn(
		process.execPath,
		['--import', 'tsx', join(projectRoot, 'scripts/outbox-worker.ts')],
		{
			cwd: projectRoot,
			env: {
				...process.env,
				DATABASE_PATH: ctx.path,
				SMS_GATEWAY_URL: url,
				SMS_API_KEY: 'k',
				DELIVERY_HOURS: '0-24',
				RIDA_LOG: 'silent',
				OUTBOX_BATCH: '25'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
}

const exited = (p: ChildProcess) =>
	new Promise<number | null>((r) => p.on('exit', (code) => r(code)));

describe('outbox crash safety', () => {
	it('SIGKILL mid-batch of 200, restart: every message sent exactly once', async () => {
		const { invitationIds } = makeInvitations(N, { channel: 'sms' });
		for (const id of invitationIds) enqueue(id, 'invitation');
		ctx.db
			.update(outboxMessage)
			.set({ notBefore: new Date(Date.now() - 1000) })
			.run();

		const first = worker();
		const firstExit = exited(first);
		await new Promise<void>((resolve) => {
			onPost.push(() => {
				if (posts >= 70 && !first.killed) {
					first.kill('SIGKILL');
					resolve();
				}
			});
		});
		await firstExit;
		const atKill = delivered.size;
		expect(atKill).toBeGreaterThanOrEqual(70);
		expect(atKill).toBeLessThan(N);

		const second = worker();
		expect(await exited(second)).toBe(0);

		const rows = ctx.db
			.select({ state: outboxMessage.state, key: outboxMessage.idempotencyKey })
			.from(outboxMessage)
			.all();
		expect(rows.filter((r) => r.state === 'sent')).toHaveLength(N);
		expect(delivered.size).toBe(N);
		for (const r of rows) expect(delivered.get(r.key)).toBe(1);
		// Only the messages in flight at the kill may have been posted twice (and were deduplicated).
		console.log(
			`crash test: ${N} messages, ${atKill} delivered before SIGKILL, ${posts} gateway requests, ${posts - N} repeated keys`
		);
		expect(posts - N).toBeLessThanOrEqual(1);
	}, 60_000);
});
