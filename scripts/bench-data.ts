/**
 * Fast bulk generator for benchmarks: fills a SQLite file with ≥ 1,000,000 responses (+5
 * aspect scores each), their invitations, 200,000 requests (+ timeline events), two years
 * of website rollups and social reach. Prepared statements, one transaction per table
 * chunk, synchronous = OFF during the load. Deterministic (seeded).
 *
 *   npx tsx scripts/bench-data.ts /tmp/rida-bench.db [responses=1000000] [requests=200000]
 */
import { existsSync, rmSync } from 'node:fs';
import { openDatabase, setDb } from '../src/lib/server/db';
import { rng } from '../src/lib/server/seed/random';
import * as settings from '../src/lib/server/settings';
import { addDays, localDate, startOfLocalDay } from '../src/lib/dates';

const DAY = 86_400_000;
const CHANNELS = [
	['phone', 'الهاتف', 'Phone'],
	['whatsapp', 'واتساب', 'WhatsApp'],
	['email', 'البريد الإلكتروني', 'Email'],
	['web', 'الموقع الإلكتروني', 'Website'],
	['walk_in', 'الحضور الشخصي', 'Walk-in'],
	['social', 'وسائل التواصل', 'Social media'],
	['letter', 'خطاب رسمي', 'Letter'],
	['referral', 'إحالة من جهة', 'Referral']
] as const;
const PLATFORMS = [
	['x', 'إكس', 'X'],
	['instagram', 'إنستغرام', 'Instagram'],
	['snapchat', 'سناب شات', 'Snapchat'],
	['youtube', 'يوتيوب', 'YouTube']
] as const;
const ASPECTS = ['courtesy', 'clarity', 'speed', 'competence', 'channel_convenience'];
const CITIES = [
	'الرياض',
	'جدة',
	'مكة المكرمة',
	'المدينة المنورة',
	'الدمام',
	'أبها',
	'تبوك',
	'حائل'
];
const AGE = ['u18', '18_29', '30_44', '45_59', '60p'];
const COMMENTS = [
	'التعامل راقٍ والموظفون متعاونون',
	'الانتظار طويل في الاستقبال',
	'أتمنى تبسيط الإجراءات',
	'Very helpful staff, thank you',
	'The SMS link did not open at first',
	'المكان مزدحم والمواقف قليلة'
];

export type BenchSize = { responses: number; requests: number; days: number };

export function generate(
	path: string,
	size: BenchSize = { responses: 1_000_000, requests: 200_000, days: 730 },
	now = new Date()
) {
	if (existsSync(path)) for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
	const db = openDatabase(path);
	setDb(db);
	settings.ensure();
	const c = db.$client;
	c.pragma('synchronous = OFF');
	c.pragma('foreign_keys = OFF');
	const r = rng(20261125);
	const tz = settings.get().timeZone;
	const today = localDate(now, tz);
	const first = addDays(today, -size.days);
	const startMs = startOfLocalDay(first, tz).getTime();
	const span = size.days * DAY;
	const tx = (fn: () => void) => c.transaction(fn)();

	tx(() => {
		const ch = c.prepare(`insert into channel (key, name_ar, name_en, sort) values (?, ?, ?, ?)`);
		CHANNELS.forEach(([k, a, e], i) => ch.run(k, a, e, i));
		const sp = c.prepare(
			`insert into social_platform (key, name_ar, name_en, sort) values (?, ?, ?, ?)`
		);
		PLATFORMS.forEach(([k, a, e], i) => sp.run(k, a, e, i));
		c.prepare(
			`insert into survey_version (survey_id, hash, definition) values ('post-program', 'bench-v1', '{}')`
		).run();
		c.prepare(
			`insert into survey_version (survey_id, hash, definition) values ('service-request', 'bench-v2', '{}')`
		).run();
		const pr = c.prepare(
			`insert into program (name_ar, name_en, kind, start_date, end_date, survey_id, status) values (?, ?, ?, ?, ?, 'post-program', 'ended')`
		);
		for (let i = 1; i <= 40; i++)
			pr.run(
				`برنامج ${i}`,
				`Program ${i}`,
				r.pick(['program', 'service', 'event', 'aid']),
				first,
				today
			);
		const b = c.prepare(`insert into beneficiary (gender, age_band, city) values (?, ?, ?)`);
		for (let i = 0; i < 50_000; i++)
			b.run(r.chance(0.55) ? 'female' : 'male', r.pick(AGE), r.pick(CITIES));
	});

	// Invitations (≈ 1.3 × responses) and responses with aspects.
	const inv = c.prepare(
		`insert into invitation (id, kind, program_id, beneficiary_id, survey_version_id, token_hash, created_at, expires_at, delivered_at, completed_at) values (?, 'program', ?, ?, 1, ?, ?, ?, ?, ?)`
	);
	const res = c.prepare(
		`insert into response (id, invitation_id, program_id, beneficiary_id, survey_version_id, submitted_at, local_date, answers, csat, nps, channel, comment, gender, age_band, city) values (?, ?, ?, ?, 1, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?)`
	);
	const asp = c.prepare(
		`insert into response_aspect (response_id, aspect, score) values (?, ?, ?)`
	);
	const invitations = Math.round(size.responses * 1.3);
	let rid = 0;
	const CHUNK = 100_000;
	for (let start = 1; start <= invitations; start += CHUNK) {
		tx(() => {
			for (let id = start; id < Math.min(start + CHUNK, invitations + 1); id++) {
				const created = startMs + Math.floor(((id - 1) / invitations) * span) + r.int(0, 3_600_000);
				const program = 1 + ((id * 7919) % 40);
				const ben = 1 + ((id * 104729) % 50_000);
				const completes =
					rid < size.responses && (r.next() < 0.78 || invitations - id < size.responses - rid);
				const done = completes ? created + r.int(600_000, 3 * DAY) : null;
				inv.run(id, program, ben, 'b' + id, created, created + 14 * DAY, created + 60_000, done);
				if (!completes) continue;
				rid++;
				// program quality varies; a little seasonal drift
				const base = 3.2 + (program % 5) * 0.3 + Math.sin(created / (90 * DAY)) * 0.2;
				const csat = Math.max(1, Math.min(5, Math.round(r.normal(base, 0.9))));
				const nps = Math.max(0, Math.min(10, Math.round(r.normal(base * 2 - 0.5, 1.8))));
				const gender = ben % 100 < 55 ? 'female' : 'male';
				res.run(
					rid,
					id,
					program,
					ben,
					done,
					localDate(done!, tz),
					csat,
					nps,
					r.pick(CHANNELS)[0],
					r.chance(0.05) ? r.pick(COMMENTS) : null,
					gender,
					AGE[ben % 5],
					CITIES[ben % 8]
				);
				for (const a of ASPECTS)
					asp.run(
						rid,
						a,
						Math.max(1, Math.min(5, Math.round(r.normal(base - (a === 'speed' ? 0.6 : 0), 1))))
					);
			}
		});
	}

	// Requests and events.
	const rq = c.prepare(
		`insert into request (id, code, channel_id, kind, beneficiary_id, subject, received_at, received_local_date, status, due_at, decided_at, decision, closed_at) values (?, ?, ?, ?, ?, 'طلب', ?, ?, ?, ?, ?, ?, ?)`
	);
	const ev = c.prepare(`insert into request_event (request_id, type, at) values (?, ?, ?)`);
	const nowMs = now.getTime();
	for (let start = 1; start <= size.requests; start += CHUNK) {
		tx(() => {
			for (let id = start; id < Math.min(start + CHUNK, size.requests + 1); id++) {
				const received =
					startMs + Math.floor(((id - 1) / size.requests) * span) + r.int(0, 3_600_000);
				const due = received + 14 * DAY;
				let decided: number | null = received + Math.round(Math.max(0.1, r.normal(9, 6)) * DAY);
				if (decided > nowMs || r.chance(0.02)) decided = null;
				const closed = decided && r.chance(0.9) ? decided + r.int(1, 5) * DAY : null;
				const status =
					decided == null ? 'received' : closed && closed < nowMs ? 'closed' : 'decided';
				rq.run(
					id,
					'R' + id,
					1 + (id % 8),
					r.pick(['support', 'inquiry', 'complaint', 'suggestion']),
					1 + ((id * 31) % 50_000),
					received,
					localDate(received, tz),
					status,
					due,
					decided,
					decided ? r.pick(['accepted', 'rejected', 'referred']) : null,
					closed && closed < nowMs ? closed : null
				);
				ev.run(id, 'received', received);
				if (decided) ev.run(id, 'decision', decided);
				if (closed && closed < nowMs) ev.run(id, 'closed', closed);
			}
		});
	}

	// Website rollups and social reach, every day of the span.
	tx(() => {
		c.prepare(
			`insert into site (key, name, origins) values ('main', 'Main site', '[]'), ('donate', 'Donations', '[]')`
		).run();
		const sd = c.prepare(
			`insert into site_day (site_id, day, views, visitors) values (?, ?, ?, ?)`
		);
		const ss = c.prepare(
			`insert into site_day_source (site_id, day, source, views, visitors) values (?, ?, ?, ?, ?)`
		);
		const so = c.prepare(
			`insert into social_reach (platform, period_kind, period_start, reach, impressions, followers, engagements, posts) values (?, 'day', ?, ?, ?, ?, ?, ?)`
		);
		for (let d = 0; d < size.days; d++) {
			const day = addDays(first, d);
			for (const site of [1, 2]) {
				const v = r.int(80, 400) * (site === 1 ? 3 : 1);
				sd.run(site, day, v * 3, v);
				for (const src of ['direct', 'search', 'social', 'referral'])
					ss.run(site, day, src, Math.round(v * 0.75), Math.round(v / 4));
			}
			for (const [p] of PLATFORMS) {
				const reach = r.int(200, 3000);
				so.run(p, day, reach, reach * r.int(2, 5), r.int(0, 20), r.int(10, 300), r.int(0, 3));
			}
		}
	});
	c.pragma('synchronous = NORMAL');
	c.pragma('foreign_keys = ON');
	c.exec('analyze');
	return db;
}

if (process.argv[1]?.endsWith('bench-data.ts')) {
	const path = process.argv[2] ?? '/tmp/rida-bench.db';
	const t = performance.now();
	generate(path, {
		responses: Number(process.argv[3] ?? 1_000_000),
		requests: Number(process.argv[4] ?? 200_000),
		days: 730
	});
	console.log(`generated ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
