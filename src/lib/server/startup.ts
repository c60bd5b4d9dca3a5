/**
 * What `npm start` does before serving: migrate, make sure the association exists, seed
 * the demo on an empty database, make sure an administrator can get in, start the jobs.
 */
import { sql } from 'drizzle-orm';
import { config } from './config';
import { checkDataKey } from './crypto';
import { getDb } from './db';
import { user } from './db/schema';
import { log } from './log';
import { isDemo, publicOrigin } from './mode';
import * as requests from './requests';
import './requests/jobs';
import * as scheduler from './scheduler';
import { startDelivery } from './delivery/jobs';
import { stopWorker } from './delivery/outbox';
import { flush as flushBeacons } from './reach/collect';
import { flushSubmissions } from './responses/submissions';
import { closeDb } from './db';
import './backup'; // registers the daily backup job
import { reapplyErasures, redactStoredText } from './privacy'; // also registers the retention job
import './reach/jobs';
import { DEMO_USERS } from './seed/core';
import { seedDemo } from './seed';
import * as segments from './segments';
import * as settings from './settings';
import * as voices from './voices';
import * as users from './users';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './password-policy';
import { syncDefinitions } from './surveys/versions';
import './programs'; // registers the programs.daily job
import './indicators/jobs';
import './policies/jobs';

let started: Promise<void> | undefined;

export function startup(): Promise<void> {
	started ??= run();
	return started;
}

async function run() {
	try {
		await boot();
	} catch (e) {
		// Printed plainly before the stack trace adapter-node shows: what is wrong and what to do.
		console.error(`\nRida cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
		throw e;
	}
}

async function boot() {
	config(); // a bad variable stops the server here, with a message naming it
	const db = getDb(); // opens and migrates
	// A missing, malformed or wrong data key stops here, before any contact data is read or
	// written (not later, as a 500 on every personal page or a database under two keys).
	const key = checkDataKey(db);
	if (key.source === 'generated') log('info', 'demo data key generated', { keyId: key.keyId });
	syncDefinitions(); // a bad file in surveys/ is logged and shown in the studio, never fatal
	// A database restored or copied by hand gets its journalled erasures back first; free text
	// stored before redaction existed is redacted once.
	reapplyErasures(db);
	redactStoredText(db);
	const userCount = db
		.select({ n: sql<number>`count(*)` })
		.from(user)
		.get()!.n;
	const demo = isDemo();
	const origin = publicOrigin();
	segments.ensureDefaults(); // the segment list exists before anyone (or the seed) adds contacts

	if (userCount === 0 && demo) {
		const t0 = Date.now();
		await seedDemo();
		log('info', 'demo data seeded', { ms: Date.now() - t0 });
	}
	settings.ensure();
	requests.ensureChannels();
	requests.ensureRequestTypes();
	segments.ensureDefaults(); // seeded contacts and responses without a segment are beneficiaries
	// Free-text answers stored without passing the submit path (seed, older versions).
	voices.ensureThemes();
	voices.recordPending();

	if (users.countActiveAdmins() === 0) {
		const { email, password } = config().admin;
		if (email && password) {
			const problem = passwordProblem(password);
			if (problem)
				throw new Error(
					problem === 'errors.passwordCommon'
						? 'ADMIN_PASSWORD is a common password (or made of one): choose another.'
						: problem.startsWith('errors.passwordShort')
							? `ADMIN_PASSWORD must have at least ${PASSWORD_MIN} characters.`
							: `ADMIN_PASSWORD must have at most ${PASSWORD_MAX} characters.`
				);
			await users.create({ id: null }, { email, name: 'Administrator', role: 'admin', password });
			console.log(`\nRida: administrator ${email} created from ADMIN_EMAIL / ADMIN_PASSWORD.`);
		} else {
			const token = users.issueToken(null, 'setup', 1);
			console.log(
				`\nRida has no administrator yet. Open this one-time link to create one (valid 24 h):\n  ${origin}/setup/${token}\n`
			);
		}
	}

	if (
		demo &&
		db
			.select({ n: sql<number>`count(*)` })
			.from(user)
			.where(sql`${user.isDemo} = 1`)
			.get()!.n > 0
	) {
		console.log('\n  DEMO MODE — fictitious association and data. Demo logins (unless changed):');
		for (const u of DEMO_USERS)
			console.log(`    ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.password}`);
		console.log('');
	}

	if (config().scheduler) await scheduler.start(settings.get().timeZone);
	startDelivery();
	listenForShutdown();
	console.log(`Rida is running at ${origin}`);
}

let stopping: Promise<void> | undefined;

/**
 * Stops the jobs, the outbox worker and the beacon batcher, then closes the database
 * (which checkpoints the WAL). adapter-node emits `sveltekit:shutdown` once the HTTP server
 * has closed after SIGTERM/SIGINT; with nothing left scheduled, Node exits by itself.
 */
export function shutdown(): Promise<void> {
	stopping ??= (async () => {
		scheduler.stop();
		await stopWorker();
		flushBeacons();
		flushSubmissions();
		closeDb();
		log('info', 'stopped');
	})();
	return stopping;
}

function listenForShutdown() {
	process.once('sveltekit:shutdown' as 'exit', () => void shutdown());
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			// adapter-node waits for open requests (SHUTDOWN_TIMEOUT, 30 s by default) before it
			// emits sveltekit:shutdown; a long PDF render must not keep a stopping server alive.
			setTimeout(() => {
				log('warn', 'requests still open 8 s after the stop signal; stopping anyway');
				void shutdown().finally(() => process.exit(0));
			}, 8000).unref();
		});
	}
}
