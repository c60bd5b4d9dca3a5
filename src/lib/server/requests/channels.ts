/** Request channels: the eight policy channels by default; admins rename or add. */
import { asc, eq, sql } from 'drizzle-orm';
import * as audit from '../audit';
import type { Actor } from '../audit';
import { getDb } from '../db';
import { channel } from '../db/schema';
import { RequestError } from './lifecycle';

export const DEFAULT_CHANNELS = [
	{ key: 'interview', nameAr: 'المقابلة', nameEn: 'In-person interview' },
	{ key: 'phone', nameAr: 'الاتصالات الهاتفية', nameEn: 'Phone calls' },
	{ key: 'social', nameAr: 'وسائل التواصل الاجتماعي', nameEn: 'Social media' },
	{ key: 'letter', nameAr: 'الخطابات', nameEn: 'Letters' },
	{ key: 'help_request', nameAr: 'خدمات طلب المساعدة', nameEn: 'Help request services' },
	{ key: 'volunteering', nameAr: 'خدمة التطوع', nameEn: 'Volunteering service' },
	{ key: 'website', nameAr: 'الموقع الإلكتروني', nameEn: 'Website' },
	{ key: 'branch', nameAr: 'مناديب المكاتب الفرعية', nameEn: 'Branch office representatives' }
] as const;

/** Inserts the eight policy channels when the table is empty (production too). */
export function ensureChannels() {
	const db = getDb();
	const n = db
		.select({ n: sql<number>`count(*)` })
		.from(channel)
		.get()!.n;
	if (n > 0) return;
	db.insert(channel)
		.values(DEFAULT_CHANNELS.map((c, i) => ({ ...c, sort: (i + 1) * 10, active: true })))
		.run();
}

export type Channel = typeof channel.$inferSelect;

export function listChannels(opts: { activeOnly?: boolean } = {}): Channel[] {
	const q = getDb().select().from(channel);
	return (opts.activeOnly ? q.where(eq(channel.active, true)) : q)
		.orderBy(asc(channel.sort), asc(channel.id))
		.all();
}

export function channelByKey(key: string): Channel | undefined {
	return getDb().select().from(channel).where(eq(channel.key, key)).get();
}

export function saveChannel(
	actor: Actor,
	input: {
		id?: number;
		key?: string;
		nameAr: string;
		nameEn: string;
		sort: number;
		active: boolean;
	}
) {
	const db = getDb();
	if (input.id) {
		db.update(channel)
			.set({ nameAr: input.nameAr, nameEn: input.nameEn, sort: input.sort, active: input.active })
			.where(eq(channel.id, input.id))
			.run();
		audit.record({
			actorId: actor.id,
			action: 'channel.update',
			targetType: 'channel',
			targetId: input.id,
			ip: actor.ip
		});
		return input.id;
	}
	const key = input.key!;
	if (channelByKey(key)) throw new RequestError('key', 'channels.keyTaken');
	const id = db
		.insert(channel)
		.values({
			key,
			nameAr: input.nameAr,
			nameEn: input.nameEn,
			sort: input.sort,
			active: input.active
		})
		.returning({ id: channel.id })
		.get().id;
	audit.record({
		actorId: actor.id,
		action: 'channel.create',
		targetType: 'channel',
		targetId: id,
		ip: actor.ip
	});
	return id;
}
