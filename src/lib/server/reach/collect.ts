/**
 * The beacon collector behind POST /api/collect.
 *
 * Contract (documented for the site owner and the tests):
 *   204  the page view was stored (committed to SQLite before the response is sent), or it
 *        came from a bot / automated browser and was dropped on purpose (bots learn nothing);
 *   400  junk: body over 2 KB, not JSON, missing/invalid fields, an unregistered site key,
 *        or a page/Origin that is not in the site's allowed origins. Nothing is stored;
 *   503  the write failed (the event was not acknowledged; the browser does not retry).
 * Never 500 for anything a client sends.
 *
 * Origin check: the page URL's origin must be one of the site's origins, and so must the
 * Origin header when the browser sends a real one ('null' — sent by pages with a
 * no-referrer policy — is treated as absent).
 *
 * Writes are micro-batched: events wait in memory until the current event-loop turn ends
 * (or REACH_FLUSH_MS if set) or until REACH_BATCH (default 500) are waiting, then ONE
 * transaction inserts the raw events
 * and updates the daily rollups (site_day, site_day_source, site_day_page) incrementally.
 * Each request awaits the commit of its batch before answering 204, so an acknowledged
 * event is never lost to a crash; concurrent requests share one transaction.
 */
import type Database from 'better-sqlite3';
import { getDb } from '../db';
import { log } from '../log';
import * as settings from '../settings';
import { classifySource, isAutomation, normalisePath } from './classify';
import { currentSalt, ipBucket, ipPrefix, visitorHash } from './hash';
import { DEFAULT_TIME_ZONE, localDate } from '../../dates';
import * as sites from './sites';
import { config } from '../config';

export const MAX_BEACON_BYTES = 2048;

export type Outcome =
	| { status: 204; stored: true }
	| { status: 204; stored: false; reason: 'bot' }
	| { status: 400; stored: false; reason: 'tooLarge' | 'junk' | 'unknownSite' | 'origin' }
	| { status: 503; stored: false; reason: 'writeFailed' };

export type Beacon = { s: string; u: string; r: string; w: number | null };

/** Validates a beacon body; null for anything that is not exactly what reach.js sends. */
export function parseBeacon(body: string): Beacon | null {
	return readBeacon(body)?.beacon ?? null;
}

/** parseBeacon with the page URL it parsed on the way, so that the collector parses it once. */
function readBeacon(body: string): { beacon: Beacon; page: URL } | null {
	if (body.length > MAX_BEACON_BYTES) return null;
	let v: unknown;
	try {
		v = JSON.parse(body);
	} catch {
		return null;
	}
	if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
	const o = v as Record<string, unknown>;
	if (typeof o.s !== 'string' || o.s.length < 1 || o.s.length > 64) return null;
	if (typeof o.u !== 'string' || o.u.length > 1000) return null;
	if (o.r !== undefined && o.r !== null && (typeof o.r !== 'string' || o.r.length > 1000))
		return null;
	if (o.w !== undefined && o.w !== null && (typeof o.w !== 'number' || !Number.isFinite(o.w)))
		return null;
	let url: URL;
	try {
		url = new URL(o.u);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	return {
		beacon: {
			s: o.s,
			u: o.u,
			r: typeof o.r === 'string' ? o.r : '',
			w: typeof o.w === 'number' ? o.w : null
		},
		page: url
	};
}

/** Reads at most `limit` bytes of a body stream; null when it is longer. */
export async function readLimited(
	body: ReadableStream<Uint8Array> | null,
	limit = MAX_BEACON_BYTES
): Promise<string | null> {
	if (!body) return '';
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

export type CollectInput = {
	/** The body, or null when it was over the size limit. */
	body: string | null;
	origin: string | null;
	ip: string;
	userAgent: string | null;
	/** The request's headers (a Headers object, or node's lower-case record). */
	headers?: Headers | Record<string, string | string[] | undefined>;
	now?: Date;
	timeZone?: string;
};

type PendingEvent = {
	siteId: number;
	siteKey: string;
	at: number;
	day: string;
	visitor: string;
	/**
	 * The day's salt and the client's address, held only until the batch commits (the same
	 * event-loop turn, unless REACH_FLUSH_MS): the per-IP cap's salted ids (ipBucket, the
	 * overflow visitor) are worked out from them in the transaction, and only for a visitor
	 * not seen today — most page views come from someone already counted. Never stored.
	 */
	salt: string;
	ip: string;
	path: string;
	source: string;
	refHost: string | null;
	utmSource: string | null;
};

/** The association's zone (settings), read at most once a minute: days and salts follow it. */
let zone: { tz: string; at: number } | null = null;
function associationZone(): string {
	if (!zone || Date.now() - zone.at > 60_000) {
		let tz = DEFAULT_TIME_ZONE;
		try {
			tz = settings.get().timeZone || DEFAULT_TIME_ZONE;
		} catch {
			/* keep the default */
		}
		zone = { tz, at: Date.now() };
	}
	return zone.tz;
}

/**
 * The local day of an instant, remembered per minute and zone: zone offsets only change on
 * whole minutes, and working it out (date-fns tz) was the collector's second cost.
 */
let dayMemo: { minute: number; tz: string; day: string } | null = null;
function dayOf(now: Date, tz: string): string {
	const minute = Math.floor(now.getTime() / 60_000);
	if (dayMemo?.minute === minute && dayMemo.tz === tz) return dayMemo.day;
	const day = localDate(now, tz);
	dayMemo = { minute, tz, day };
	return day;
}

const TOO_LARGE: Outcome = { status: 400, stored: false, reason: 'tooLarge' };
const JUNK: Outcome = { status: 400, stored: false, reason: 'junk' };
const UNKNOWN_SITE: Outcome = { status: 400, stored: false, reason: 'unknownSite' };
const BAD_ORIGIN: Outcome = { status: 400, stored: false, reason: 'origin' };
const BOT: Outcome = { status: 204, stored: false, reason: 'bot' };
const STORED: Outcome = { status: 204, stored: true };
const WRITE_FAILED: Outcome = { status: 503, stored: false, reason: 'writeFailed' };

/** Everything before the write, synchronous: the outcome when the beacon ends here. */
function prepare(input: CollectInput): PendingEvent | Outcome {
	if (input.body === null) return TOO_LARGE;
	const read = readBeacon(input.body);
	if (!read) return JUNK;
	const { beacon, page } = read;
	const s = sites.byKey(beacon.s);
	if (!s) return UNKNOWN_SITE;
	const origin = input.origin && input.origin !== 'null' ? input.origin : null;
	if (!s.origins.has(page.origin) || (origin !== null && !s.origins.has(origin))) return BAD_ORIGIN;
	if (isAutomation(input.userAgent, input.headers)) return BOT;

	const now = input.now ?? new Date();
	const { day, salt } = currentSalt(now, input.timeZone ?? associationZone(), dayOf);
	const c = classifySource({ referrer: beacon.r, url: beacon.u, page, siteHost: page.host });
	return {
		siteId: s.id,
		siteKey: s.key,
		at: now.getTime(),
		day,
		visitor: visitorHash({ salt, siteKey: s.key, ip: input.ip, userAgent: input.userAgent }),
		salt,
		ip: input.ip,
		path: normalisePath(page),
		source: c.source,
		refHost: c.refHost ? c.refHost.slice(0, 253) : null,
		utmSource: c.utmSource
	};
}

export function collect(input: CollectInput): Promise<Outcome> {
	return new Promise((resolve, reject) =>
		collectThen(input, (error, outcome) => (error ? reject(error) : resolve(outcome!)))
	);
}

/**
 * collect() with a callback, for the lean path (endpoint.ts): no promise per beacon (the
 * server's AsyncLocalStorage makes every promise cost a hook call). `done` is called once,
 * with an error only when the checks before the write threw (collect() rejects there); a
 * failed write is the 503 outcome.
 */
export function collectThen(
	input: CollectInput,
	done: (error: unknown, outcome?: Outcome) => void
): void {
	let ev: PendingEvent | Outcome;
	try {
		ev = prepare(input);
	} catch (e) {
		done(e);
		return;
	}
	if ('status' in ev) done(null, ev);
	else enqueue(ev, (error) => done(null, error ? WRITE_FAILED : STORED));
}

// ------------------------------------------------------------------------ per-IP cap

/**
 * New daily visitors per address and site, in memory only (keyed by the salted ipBucket, so
 * no IP is held either). One client sending beacons with ever new user agents would
 * otherwise add a "visitor" per beacon to the board's indirect-beneficiary figure. Past
 * REACH_VISITORS_PER_IP (default 50, room for a shared office or carrier-grade NAT), further
 * new visitors from that address count as ONE extra visitor; their page views still count.
 * Only today's and yesterday's counters are kept, at most MAX_BUCKETS addresses a day; past
 * that, new addresses go uncapped (a client with that many addresses is not one client).
 * A restart forgets the counters: at worst one more cap's worth for an address that day.
 */
const MAX_BUCKETS = 200_000;
const ipCap = new Map<string, Map<string, number>>();

/** True when this address may add one more new visitor today (and counts it). */
function takeNewVisitor(day: string, bucket: string, undo: Undo): boolean {
	let counts = ipCap.get(day);
	if (!counts) {
		counts = new Map();
		ipCap.set(day, counts);
		// Keep this day and the latest other one (events around midnight); drop the rest.
		const others = [...ipCap.keys()].filter((d) => d !== day).sort();
		for (const d of others.slice(0, -1)) ipCap.delete(d);
	}
	const n = counts.get(bucket) ?? 0;
	if (n >= config().reach.visitorsPerIp) return false;
	if (n === 0 && counts.size >= MAX_BUCKETS) return true;
	counts.set(bucket, n + 1);
	const c = counts;
	undo.push(() => (n === 0 ? c.delete(bucket) : c.set(bucket, n)));
	return true;
}

/**
 * What a batch changed in memory (seen visitors, per-IP counts), undone when its transaction
 * rolls back: otherwise a visitor of a failed batch would pass for one already counted.
 */
type Undo = (() => unknown)[];

/** Forget the per-IP counters (tests). */
export function resetIpCap() {
	ipCap.clear();
}

// ------------------------------------------------------------------------ seen visitors

/**
 * Visitors (and visitor+source pairs) already stored today, in memory: a hit spares the
 * index lookup in site_event (most page views come from someone seen earlier that day). Only
 * positive answers are trusted; a miss (after a restart, or past the cap) asks the database.
 * Holds salted hashes only, for the current day, at most MAX_SEEN keys.
 */
const MAX_SEEN = 400_000;
let seen: { day: string; keys: Set<string> } = { day: '', keys: new Set() };

function seenToday(day: string, key: string): boolean {
	return seen.day === day && seen.keys.has(key);
}

function remember(day: string, key: string, undo: Undo) {
	if (seen.day !== day) {
		if (day < seen.day) return; // a late event of yesterday: not worth a reset
		seen = { day, keys: new Set() };
	}
	const keys = seen.keys;
	if (keys.size < MAX_SEEN && !keys.has(key)) {
		keys.add(key);
		undo.push(() => keys.delete(key));
	}
}

/** Forget the seen-visitor memory (tests that rewrite site_event behind the collector). */
export function resetSeen() {
	seen = { day: '', keys: new Set() };
}

// ------------------------------------------------------------------------------ batching

type Batch = {
	events: PendingEvent[];
	/** One per event, called after the commit (null) or with the write's error. */
	callbacks: ((error: unknown) => void)[];
};
let batch: Batch | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let immediate: ReturnType<typeof setImmediate> | null = null;

/**
 * 0 (the default) flushes once the event loop has handled the requests that arrived together
 * (setImmediate): no added latency when idle, and under load every request read in the same
 * I/O turn shares one transaction (≈ 33 of the bench's 50 connections). Waiting a few more
 * turns while beacons keep coming was tried: batches stayed at ≈ 33, the clients being the
 * limit. A positive value waits that many ms to batch more.
 */
const flushMs = () => config().reach.flushMs;
const maxBatch = () => config().reach.batch;

function enqueue(ev: PendingEvent, callback: (error: unknown) => void) {
	if (!batch) {
		batch = { events: [], callbacks: [] };
		const ms = flushMs();
		if (ms > 0) timer = setTimeout(flush, ms);
		else immediate = setImmediate(flush);
	}
	batch.events.push(ev);
	batch.callbacks.push(callback);
	if (batch.events.length >= maxBatch()) flush();
}

/** Writes what is waiting now (also used by tests and on shutdown). */
export function flush() {
	if (timer) clearTimeout(timer);
	if (immediate) clearImmediate(immediate);
	timer = null;
	immediate = null;
	const b = batch;
	batch = null;
	if (!b) return;
	let error: unknown = null;
	try {
		writeEvents(b.events);
	} catch (e) {
		error = e;
		log('error', 'reach flush failed', {
			events: b.events.length,
			error: e instanceof Error ? e.message : String(e)
		});
	}
	for (const callback of b.callbacks) {
		try {
			callback(error);
		} catch {
			/* one reply that throws must not leave the batch's others unanswered */
		}
	}
}

type Stmts = {
	seenDay: Database.Statement;
	seenSource: Database.Statement;
	insert: Database.Statement;
	day: Database.Statement;
	source: Database.Statement;
	page: Database.Statement;
	tx: (events: PendingEvent[], undo: Undo) => void;
};
const prepared = new WeakMap<Database.Database, Stmts>();

function statements(client: Database.Database): Stmts {
	let s = prepared.get(client);
	if (s) return s;
	const seenDay = client.prepare(
		'select 1 from site_event where site_id = ? and day = ? and visitor = ? limit 1'
	);
	const seenSource = client.prepare(
		'select 1 from site_event where site_id = ? and day = ? and visitor = ? and source = ? limit 1'
	);
	const insert = client.prepare(
		'insert into site_event (site_id, at, day, visitor, path, source, ref_host, utm_source) values (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const day = client.prepare(
		'insert into site_day (site_id, day, views, visitors) values (?, ?, ?, ?) on conflict (site_id, day) do update set views = views + excluded.views, visitors = visitors + excluded.visitors'
	);
	const source = client.prepare(
		'insert into site_day_source (site_id, day, source, views, visitors) values (?, ?, ?, ?, ?) on conflict (site_id, day, source) do update set views = views + excluded.views, visitors = visitors + excluded.visitors'
	);
	const page = client.prepare(
		'insert into site_day_page (site_id, day, path, views) values (?, ?, ?, ?) on conflict (site_id, day, path) do update set views = views + excluded.views'
	);
	// Raw events one by one (the visitor checks must see the batch's earlier events); the three
	// rollups once per distinct (day), (day, source), (day, path) of the batch.
	const tx = client.transaction((events: PendingEvent[], undo: Undo) => {
		const days = new Map<string, [number, string, number, number]>();
		const sources = new Map<string, [number, string, string, number, number]>();
		const pages = new Map<string, [number, string, string, number]>();
		const overflow = new Map<string, string>(); // per batch: one hash per address and site
		const isSeen = (e: PendingEvent, visitor: string) =>
			seenToday(e.day, `${e.siteId}\u0000${visitor}`) || !!seenDay.get(e.siteId, e.day, visitor);
		for (const e of events) {
			let visitor = e.visitor;
			let newToday: boolean;
			// A visitor once sent to its address's overflow visitor stays there all day (the
			// address's count only grows): remembered, so that neither site_event nor the cap is
			// asked again for each of its page views.
			const overKey = `o\u0000${e.siteId}\u0000${visitor}`;
			if (seenToday(e.day, overKey)) {
				visitor = overflowVisitor(e, overflow);
				newToday = !isSeen(e, visitor);
			} else {
				newToday = !isSeen(e, visitor);
				if (newToday && !takeNewVisitor(e.day, ipBucketOf(e), undo)) {
					remember(e.day, overKey, undo);
					visitor = overflowVisitor(e, overflow);
					newToday = !isSeen(e, visitor);
				}
			}
			const sourceKey = `${e.siteId}\u0000${visitor}\u0000${e.source}`;
			const newForSource =
				newToday ||
				!(seenToday(e.day, sourceKey) || seenSource.get(e.siteId, e.day, visitor, e.source));
			remember(e.day, `${e.siteId}\u0000${visitor}`, undo);
			remember(e.day, sourceKey, undo);
			insert.run(e.siteId, e.at, e.day, visitor, e.path, e.source, e.refHost, e.utmSource);
			const k = `${e.siteId}\u0000${e.day}`;
			const d = days.get(k) ?? days.set(k, [e.siteId, e.day, 0, 0]).get(k)!;
			d[2]++;
			if (newToday) d[3]++;
			const ks = `${k}\u0000${e.source}`;
			const so = sources.get(ks) ?? sources.set(ks, [e.siteId, e.day, e.source, 0, 0]).get(ks)!;
			so[3]++;
			if (newForSource) so[4]++;
			const kp = `${k}\u0000${e.path}`;
			const pa = pages.get(kp) ?? pages.set(kp, [e.siteId, e.day, e.path, 0]).get(kp)!;
			pa[3]++;
		}
		for (const v of days.values()) day.run(...v);
		for (const v of sources.values()) source.run(...v);
		for (const v of pages.values()) page.run(...v);
	});
	s = { seenDay, seenSource, insert, day, source, page, tx };
	prepared.set(client, s);
	return s;
}

const ipBucketOf = (e: PendingEvent) => ipBucket({ salt: e.salt, siteKey: e.siteKey, ip: e.ip });

/** The one visitor id this address's page views get once it is over the cap. */
function overflowVisitor(e: PendingEvent, memo: Map<string, string>): string {
	const prefix = ipPrefix(e.ip);
	const k = `${e.salt}\u0000${e.siteKey}\u0000${prefix}`;
	let v = memo.get(k);
	if (v === undefined) {
		v = visitorHash({
			salt: e.salt,
			siteKey: e.siteKey,
			ip: prefix,
			userAgent: '\u0000over the per-IP cap'
		});
		memo.set(k, v);
	}
	return v;
}

function writeEvents(events: PendingEvent[]) {
	if (!events.length) return;
	const undo: Undo = [];
	try {
		statements(getDb().$client).tx(events, undo);
	} catch (e) {
		for (let i = undo.length - 1; i >= 0; i--) undo[i]();
		throw e;
	}
}

/** Raw events older than REACH_RAW_DAYS (default 30, at least 2) are deleted; rollups stay. */
export function rawRetentionDays(): number {
	const n = config().reach.rawDays;
	return Number.isFinite(n) && n >= 2 ? Math.floor(n) : 30;
}

export function purgeRawEvents(now = new Date(), days = rawRetentionDays()): number {
	return getDb()
		.$client.prepare('delete from site_event where at < ?')
		.run(now.getTime() - days * 86_400_000).changes;
}
