/** Registered websites that embed reach.js (settings → sites). */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import * as audit from '../audit';
import { getDb, perConnection } from '../db';
import { site } from '../db/schema';

export type Site = { id: number; key: string; name: string; origins: string[]; createdAt: Date };

function toSite(r: typeof site.$inferSelect): Site {
	let origins: string[] = [];
	try {
		const v = JSON.parse(r.origins);
		if (Array.isArray(v)) origins = v.filter((o): o is string => typeof o === 'string');
	} catch {
		/* a broken row accepts nothing */
	}
	return { id: r.id, key: r.key, name: r.name, origins, createdAt: r.createdAt };
}

/**
 * 'https://Example.org/' → 'https://example.org'. Null for anything that is not an
 * http(s) origin (paths, queries and credentials are refused, not silently dropped).
 */
export function normaliseOrigin(input: string): string | null {
	const s = input.trim();
	if (!s) return null;
	let u: URL;
	try {
		u = new URL(s);
	} catch {
		return null;
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
	if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== ''))
		return null;
	return u.origin;
}

/** Splits a textarea (one origin per line, or commas/spaces) into origins; invalid ones are returned apart. */
export function parseOrigins(text: string): { origins: string[]; invalid: string[] } {
	const origins = new Set<string>();
	const invalid: string[] = [];
	for (const part of text.split(/[\s,]+/).filter(Boolean)) {
		const o = normaliseOrigin(part);
		if (o) origins.add(o);
		else invalid.push(part);
	}
	return { origins: [...origins], invalid };
}

export function list(): Site[] {
	return getDb().select().from(site).orderBy(asc(site.name)).all().map(toSite);
}

export function get(id: number): Site | null {
	const r = getDb().select().from(site).where(eq(site.id, id)).get();
	return r ? toSite(r) : null;
}

import type { Actor } from '../audit';
export type { Actor };

export function create(
	actor: Actor,
	input: { name: string; origins: string[]; key?: string }
): Site {
	const key = input.key ?? randomBytes(9).toString('base64url');
	const row = getDb()
		.insert(site)
		.values({ key, name: input.name, origins: JSON.stringify(input.origins) })
		.returning()
		.get();
	invalidate();
	audit.record({
		actorId: actor.id,
		action: 'site.create',
		targetType: 'site',
		targetId: row.id,
		details: { origins: input.origins.length },
		ip: actor.ip
	});
	return toSite(row);
}

export function update(actor: Actor, id: number, input: { name: string; origins: string[] }) {
	getDb()
		.update(site)
		.set({ name: input.name, origins: JSON.stringify(input.origins) })
		.where(eq(site.id, id))
		.run();
	invalidate();
	audit.record({
		actorId: actor.id,
		action: 'site.update',
		targetType: 'site',
		targetId: id,
		details: { origins: input.origins.length },
		ip: actor.ip
	});
}

export function remove(actor: Actor, id: number) {
	getDb().delete(site).where(eq(site.id, id)).run();
	invalidate();
	audit.record({
		actorId: actor.id,
		action: 'site.delete',
		targetType: 'site',
		targetId: id,
		ip: actor.ip
	});
}

// The collector looks a site up on every page view: keep a small cache, refreshed on any
// change made through this module and at most every 30 s otherwise.
type Cached = { id: number; key: string; origins: Set<string> };
const sitesCache = () =>
	perConnection('reach.sites', () => ({ map: null as Map<string, Cached> | null, at: 0 }));
const TTL_MS = 30_000;

export function invalidate() {
	sitesCache().map = null;
}

export function byKey(key: string): Cached | null {
	const now = Date.now();
	const c = sitesCache();
	if (!c.map || now - c.at > TTL_MS) {
		c.map = new Map(
			list().map((s) => [s.key, { id: s.id, key: s.key, origins: new Set(s.origins) }])
		);
		c.at = now;
	}
	return c.map.get(key) ?? null;
}

/** Every registered site's origins: the pages allowed to embed /transparency in an iframe. */
export function embedOrigins(): string[] {
	return [...new Set(list().flatMap((s) => s.origins))].sort();
}
