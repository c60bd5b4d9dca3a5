/**
 * Rida's configuration: every environment variable the server reads, parsed once with zod
 * into a typed object (README's "Configuration" table lists the same names). A bad value
 * stops the server at start-up with a message naming the variable, instead of surfacing
 * later as a 500 on some page.
 *
 * `config()` parses on first use and caches. Specs that change `process.env` call
 * `resetConfig()` afterwards.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = (onByDefault: boolean) =>
	z
		.enum(['0', '1', 'true', 'false', 'on', 'off', ''])
		.optional()
		.transform((v) =>
			v === undefined || v === '' ? onByDefault : ['1', 'true', 'on'].includes(v)
		);

const int = (def: number, min: number, max: number) =>
	z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (v === undefined || v.trim() === '') return def;
			const n = Number(v);
			if (!Number.isInteger(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
				return z.NEVER;
			}
			return n;
		});

const text = z
	.string()
	.optional()
	.transform((v) => (v && v.trim() ? v.trim() : undefined));

const url = z
	.string()
	.optional()
	.transform((v, ctx) => {
		if (!v || !v.trim()) return undefined;
		try {
			return new URL(v.trim()).toString().replace(/\/$/, '');
		} catch {
			ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
			return z.NEVER;
		}
	});

const hours = z
	.string()
	.optional()
	.transform((v, ctx) => {
		const m = /^(\d{1,2})-(\d{1,2})$/.exec((v ?? '9-21').trim());
		const start = m ? Number(m[1]) : NaN;
		const end = m ? Number(m[2]) : NaN;
		if (!m || start > 23 || end > 24 || start >= end) {
			ctx.addIssue({ code: 'custom', message: 'must look like 9-21 (start hour, end hour)' });
			return z.NEVER;
		}
		return { startHour: start, endHour: end };
	});

const schema = z.object({
	NODE_ENV: text,
	DATABASE_PATH: text,
	PORT: int(3000, 1, 65535),
	ORIGIN: url,
	BODY_SIZE_LIMIT: text,
	PROTOCOL_HEADER: text,
	HOST_HEADER: text,
	ADDRESS_HEADER: text,
	XFF_DEPTH: int(1, 1, 20),
	RIDA_DEMO: z.enum(['0', '1', '']).optional(),
	RIDA_DEMO_SIZE: z.enum(['small', 'full', '']).optional(),
	ADMIN_EMAIL: text,
	ADMIN_PASSWORD: z.string().optional(),
	RIDA_DATA_KEY: text,
	RIDA_SCHEDULER: flag(true),
	RIDA_LOG: text,
	RIDA_LOG_FILE: text,
	RIDA_INVITATION_DAYS: int(30, 1, 365),
	SESSION_IDLE_HOURS: int(12, 1, 720),
	SESSION_MAX_DAYS: int(30, 1, 365),
	SMTP_URL: text,
	MAIL_FROM: text,
	SMS_GATEWAY_URL: url,
	SMS_API_KEY: text,
	SMS_SENDER: text,
	DELIVERY_HOURS: hours,
	REMINDER_COUNT: int(2, 0, 10),
	REMINDER_AFTER_DAYS: int(3, 1, 60),
	OUTBOX_INTERVAL_MS: int(3000, 50, 3_600_000),
	RIDA_OUTBOX: flag(true),
	RIDA_SERVICE_SURVEY: flag(true),
	RETENTION_MONTHS: int(0, 0, 600),
	BACKUP_DIR: text,
	BACKUP_KEEP: int(14, 1, 1000),
	BACKUP_DISABLED: flag(false),
	RIDA_ERASURE_JOURNAL: text,
	REACH_RAW_DAYS: int(30, 1, 3650),
	REACH_FLUSH_MS: int(0, 0, 10_000),
	REACH_BATCH: int(500, 1, 100_000),
	REACH_VISITORS_PER_IP: int(50, 1, 1_000_000),
	RIDA_INTERNAL_ORIGIN: url,
	RIDA_CHROMIUM: text,
	RIDA_ROOT: text
});

export type Config = ReturnType<typeof toConfig>;

function asBytes(value: string): number {
	const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)?.toUpperCase() ?? ''];
	return unit ? Number(value.slice(0, -1)) * unit : Number(value);
}

function toConfig(e: z.output<typeof schema>, env: NodeJS.ProcessEnv) {
	const production = e.NODE_ENV === 'production';
	const databasePath = resolve(e.DATABASE_PATH ?? './data/rida.db');
	return {
		production,
		/** Demo mode seeds fictitious data; production (NODE_ENV=production, RIDA_DEMO=0) never does. */
		demo: e.RIDA_DEMO === '1' ? true : e.RIDA_DEMO === '0' ? false : !production,
		demoSize: (e.RIDA_DEMO_SIZE === 'small' ? 'small' : 'full') as 'small' | 'full',
		databasePath,
		port: e.PORT,
		/** ORIGIN as configured (no trailing slash), or undefined when the server guesses. */
		origin: e.ORIGIN,
		/**
		 * What adapter-node puts before each request's path to make its URL (ORIGIN as given),
		 * when that is already in the form above: the lean survey-answer path (responses/lean.ts)
		 * builds the same URL. Undefined otherwise, and then it leaves every post to SvelteKit.
		 */
		requestBase: e.ORIGIN !== undefined && env.ORIGIN === e.ORIGIN ? e.ORIGIN : undefined,
		/** adapter-node's request size limit (BODY_SIZE_LIMIT, read as it reads it; NaN if unreadable). */
		bodySizeLimit: asBytes(e.BODY_SIZE_LIMIT ?? '512K'),
		/** Whether adapter-node knows the real protocol (ORIGIN or PROTOCOL_HEADER set). */
		originKnown: !!e.ORIGIN || !!e.PROTOCOL_HEADER,
		/**
		 * The client address behind a reverse proxy (read by adapter-node too, and by the lean
		 * counter path in scripts/server.js): the header, lower case (e.g. x-forwarded-for), and
		 * for x-forwarded-for which address from the right is the client's (the number of proxies).
		 */
		proxy: { addressHeader: e.ADDRESS_HEADER?.toLowerCase(), xffDepth: e.XFF_DEPTH },
		/** The URL links in emails and SMS point to. */
		publicOrigin: e.ORIGIN ?? `http://localhost:${e.PORT}`,
		/** How the PDF renderer reaches this server. */
		internalOrigin: e.RIDA_INTERNAL_ORIGIN ?? `http://127.0.0.1:${e.PORT}`,
		chromium: e.RIDA_CHROMIUM ?? '/usr/bin/chromium',
		/** The project root (drizzle/, surveys/) when it cannot be found from the code's place. */
		root: e.RIDA_ROOT ? resolve(e.RIDA_ROOT) : undefined,
		admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
		dataKey: e.RIDA_DATA_KEY,
		scheduler: e.RIDA_SCHEDULER,
		log: { silent: e.RIDA_LOG === 'silent', file: e.RIDA_LOG_FILE },
		invitationDays: e.RIDA_INVITATION_DAYS,
		/** Staff sessions end after this long unused, and in any case this long after sign-in. */
		session: {
			idleMs: e.SESSION_IDLE_HOURS * 3_600_000,
			maxMs: e.SESSION_MAX_DAYS * 86_400_000
		},
		smtp: e.SMTP_URL
			? { url: e.SMTP_URL, from: e.MAIL_FROM ?? 'Rida <no-reply@localhost>' }
			: undefined,
		sms: e.SMS_GATEWAY_URL
			? { url: e.SMS_GATEWAY_URL, apiKey: e.SMS_API_KEY ?? '', sender: e.SMS_SENDER ?? 'Rida' }
			: undefined,
		deliveryHours: e.DELIVERY_HOURS,
		reminders: { count: e.REMINDER_COUNT, afterDays: e.REMINDER_AFTER_DAYS },
		outbox: { enabled: e.RIDA_OUTBOX, intervalMs: e.OUTBOX_INTERVAL_MS },
		serviceSurvey: e.RIDA_SERVICE_SURVEY,
		retentionMonths: e.RETENTION_MONTHS,
		/** Ids of erased beneficiaries (append-only), re-applied after a restore; beside the database. */
		erasureJournal: e.RIDA_ERASURE_JOURNAL
			? resolve(e.RIDA_ERASURE_JOURNAL)
			: `${databasePath}.erasures`,
		backup: {
			dir: e.BACKUP_DIR ? resolve(e.BACKUP_DIR) : resolve(databasePath, '..', 'backups'),
			keep: e.BACKUP_KEEP,
			disabled: e.BACKUP_DISABLED
		},
		reach: {
			rawDays: e.REACH_RAW_DAYS,
			flushMs: e.REACH_FLUSH_MS,
			batch: e.REACH_BATCH,
			/** New daily visitors one IP (an IPv6 /64) may add per site; more share one id. */
			visitorsPerIp: e.REACH_VISITORS_PER_IP
		}
	};
}

/** Parses an environment; throws one message listing every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const r = schema.safeParse(env);
	if (!r.success) {
		const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Rida's configuration is not valid:\n${lines.join('\n')}`);
	}
	return toConfig(r.data, env);
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}

/** For specs and scripts that change process.env after the first read. */
export function resetConfig() {
	cached = undefined;
}
