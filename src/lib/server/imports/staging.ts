/**
 * Where a checked file waits between "preview" and "confirm": in memory only, under a random
 * id, for one user, for a limited time. Nothing is logged. Each import keeps one store.
 */
import { randomBytes } from 'node:crypto';

type Slot<T> = { userId: number; expires: number; value: T };

export class StagingStore<T> {
	private slots = new Map<string, Slot<T>>();

	/**
	 * @param ttlMs how long a preview stays (each update starts it again)
	 * @param perUser previews kept per user; the oldest goes first (they can hold whole files)
	 */
	constructor(
		private ttlMs: number,
		private perUser = 5
	) {}

	private sweep(now = Date.now()) {
		for (const [id, s] of this.slots) if (s.expires < now) this.slots.delete(id);
	}

	/** Keeps `value` for `userId`; returns its new id. */
	put(userId: number, value: T | ((id: string) => T)): { id: string; value: T } {
		this.sweep();
		const mine = [...this.slots].filter(([, s]) => s.userId === userId);
		for (const [id] of mine.slice(0, Math.max(0, mine.length - this.perUser + 1)))
			this.slots.delete(id);
		const id = randomBytes(16).toString('base64url');
		const v = typeof value === 'function' ? (value as (id: string) => T)(id) : value;
		this.slots.set(id, { userId, expires: Date.now() + this.ttlMs, value: v });
		return { id, value: v };
	}

	/** The value under `id` if it belongs to `userId` and has not expired. */
	get(id: string, userId: number): T | null {
		this.sweep();
		const s = this.slots.get(id);
		return s && s.userId === userId ? s.value : null;
	}

	/** Replaces the value under `id` (same user) and starts its time again. */
	update(id: string, userId: number, value: T): boolean {
		const s = this.slots.get(id);
		if (!s || s.userId !== userId || s.expires < Date.now()) return false;
		s.value = value;
		s.expires = Date.now() + this.ttlMs;
		return true;
	}

	/** `get`, and the preview is gone: it can be confirmed once. */
	take(id: string, userId: number): T | null {
		const v = this.get(id, userId);
		if (v !== null) this.slots.delete(id);
		return v;
	}

	drop(id: string) {
		this.slots.delete(id);
	}
}
