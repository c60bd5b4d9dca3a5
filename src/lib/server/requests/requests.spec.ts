import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as users from '../users';
import * as requests from './index';
import { derive, validateStep, RequestError, type TimelineEvent } from './lifecycle';
import { notifyBreaches } from './jobs';

const H = 3_600_000;
const D = 24 * H;

describe('lifecycle (pure)', () => {
	const rec = new Date('2026-11-01T09:00:00Z');
	const ev = (
		type: TimelineEvent['type'],
		hours: number,
		data: TimelineEvent['data'] = null
	): TimelineEvent => ({ type, at: new Date(rec.getTime() + hours * H), data });
	const now = new Date('2026-12-01T00:00:00Z');

	it('derives status, decision and decision time from the timeline', () => {
		const tl = [
			ev('received', 0),
			ev('data_checked', 1, { complete: true }),
			ev('referred_committee', 5),
			ev('decision', 50, { outcome: 'accepted' })
		];
		expect(derive(tl)).toEqual({
			status: 'decided',
			decision: 'accepted',
			decidedAt: tl[3].at,
			closedAt: null
		});
		const closed = [...tl, ev('delivered', 60), ev('closed', 70)];
		expect(derive(closed).status).toBe('closed');
		expect(derive(closed).closedAt).toEqual(closed[5].at);
		// Re-opened then decided again: response time stays the first decision's.
		const again = [
			...closed,
			ev('reopened', 80, { reason: 'x' }),
			ev('decision', 90, { outcome: 'rejected', reason: 'r' })
		];
		expect(derive(again)).toMatchObject({
			status: 'decided',
			decision: 'rejected',
			decidedAt: tl[3].at,
			closedAt: null
		});
	});

	it('missing items keep the request waiting for a second check', () => {
		const tl = [ev('received', 0), ev('data_checked', 1, { complete: false, missing: 'ID copy' })];
		expect(derive(tl).status).toBe('incomplete');
		expect(() => validateStep('support', rec, tl, ev('referred_committee', 2), now)).toThrow(
			RequestError
		);
		validateStep('support', rec, tl, ev('data_checked', 2, { complete: true }), now);
	});

	it('refuses steps out of order, before receipt, in the future, and without their details', () => {
		const base = [ev('received', 0)];
		const code = (f: () => void) => {
			try {
				f();
			} catch (e) {
				return (e as RequestError).key;
			}
			return 'ok';
		};
		expect(
			code(() =>
				validateStep('support', rec, base, ev('decision', 1, { outcome: 'accepted' }), now)
			)
		).toBe('requests.err.notAllowed');
		const checked = [...base, ev('data_checked', 1, { complete: true })];
		expect(
			code(() =>
				validateStep('support', rec, checked, ev('decision', -2, { outcome: 'accepted' }), now)
			)
		).toBe('requests.err.decisionBeforeReceipt');
		expect(
			code(() =>
				validateStep('support', rec, checked, ev('decision', 0.5, { outcome: 'accepted' }), now)
			)
		).toBe('requests.err.beforePrevious');
		expect(
			code(() =>
				validateStep(
					'support',
					rec,
					checked,
					{ type: 'decision', at: new Date(now.getTime() + D), data: { outcome: 'accepted' } },
					now
				)
			)
		).toBe('requests.err.future');
		expect(
			code(() =>
				validateStep('support', rec, checked, ev('decision', 2, { outcome: 'rejected' }), now)
			)
		).toBe('requests.err.reasonRequired');
		expect(
			code(() =>
				validateStep('support', rec, checked, ev('decision', 2, { outcome: 'referred' }), now)
			)
		).toBe('requests.err.associationRequired');
		expect(
			code(() =>
				validateStep(
					'support',
					rec,
					checked,
					ev('decision', 2, { outcome: 'referred', association: 'جمعية البر' }),
					now
				)
			)
		).toBe('ok');
		// Support requests are decided, not "answered"; inquiries may be answered.
		expect(code(() => validateStep('support', rec, base, ev('answered', 1), now))).toBe(
			'requests.err.notAllowed'
		);
		expect(code(() => validateStep('inquiry', rec, base, ev('answered', 1), now))).toBe('ok');
		// Delivery only after an acceptance.
		const rejected = [...checked, ev('decision', 2, { outcome: 'rejected', reason: 'r' })];
		expect(code(() => validateStep('support', rec, rejected, ev('delivered', 3), now))).toBe(
			'requests.err.notAllowed'
		);
		expect(code(() => validateStep('support', rec, rejected, ev('closed', 3), now))).toBe('ok');
		expect(
			code(() =>
				validateStep('support', rec, [...rejected, ev('closed', 3)], ev('reopened', 4), now)
			)
		).toBe('requests.err.reasonRequired');
	});
});

describe('requests (database)', () => {
	useTestDb();
	let officer: number;
	let ch: number;

	it('seeds the eight channels once', async () => {
		requests.ensureChannels();
		requests.ensureChannels();
		const list = requests.listChannels();
		expect(list.map((c) => c.key)).toEqual([
			'interview',
			'phone',
			'social',
			'letter',
			'help_request',
			'volunteering',
			'website',
			'branch'
		]);
		ch = list[0].id;
		officer = (
			await users.create(
				{ id: null },
				{
					email: 'o@x.test',
					name: 'Officer',
					role: 'relations',
					locale: 'en',
					password: 'long-enough-password'
				}
			)
		).id;
	});

	it('creates, moves through the committee to a decision, derives response time and due date', () => {
		const received = new Date('2026-11-01T06:00:00Z');
		const now = new Date('2026-11-10T06:00:00Z');
		const { id, code } = requests.create(
			{ id: officer },
			{
				channelId: ch,
				kind: 'support',
				beneficiary: { mode: 'new', name: 'سارة أحمد', mobile: '0551234567', consentContact: true },
				subject: 'Help',
				receivedAt: received,
				backdateReason: 'letter'
			},
			now
		);
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		let r = requests.get(id, now)!;
		expect(r.status).toBe('received');
		expect(r.dueAt.getTime()).toBe(received.getTime() + 14 * D);
		expect(r.sla.state).toBe('open');
		requests.addEvent(
			{ id: officer },
			id,
			{ type: 'data_checked', at: new Date('2026-11-02T06:00:00Z'), data: { complete: true } },
			now
		);
		requests.addEvent(
			{ id: officer },
			id,
			{ type: 'referred_committee', at: new Date('2026-11-03T06:00:00Z') },
			now
		);
		expect(() =>
			requests.addEvent(
				{ id: officer },
				id,
				{ type: 'decision', at: new Date('2026-10-30T06:00:00Z'), data: { outcome: 'accepted' } },
				now
			)
		).toThrow(/decisionBeforeReceipt/);
		const decided = new Date('2026-11-05T09:30:00Z');
		requests.addEvent(
			{ id: officer },
			id,
			{ type: 'decision', at: decided, data: { outcome: 'accepted' } },
			now
		);
		r = requests.get(id, now)!;
		expect(r).toMatchObject({ status: 'decided', decision: 'accepted' });
		expect(r.responseMs).toBe(decided.getTime() - received.getTime());
		expect(r.sla.state).toBe('met');
		expect(r.nextSteps).toEqual(['delivered', 'closed']);
		// the requester is told twice (acknowledgement, decision): each notice a timeline event
		expect(r.events.map((e) => e.type)).toEqual([
			'received',
			'notice',
			'data_checked',
			'referred_committee',
			'decision',
			'notice'
		]);
		expect(r.events.filter((e) => e.type === 'notice').map((e) => e.data?.notice)).toEqual([
			'ack',
			'decision'
		]);
		expect(requests.publicStatus(code.toLowerCase())!.steps).toHaveLength(6);
	});

	it('refuses an unknown beneficiary, a missing channel, anonymous support requests, back-dating without reason', () => {
		const base = { kind: 'support' as const, subject: 's' };
		expect(() =>
			requests.create(
				{ id: officer },
				{ ...base, channelId: ch, beneficiary: { mode: 'existing', id: 999999 } }
			)
		).toThrow(/unknownBeneficiary/);
		expect(() =>
			requests.create(
				{ id: officer },
				{ ...base, channelId: 999, beneficiary: { mode: 'anonymous' } }
			)
		).toThrow(/requests.err.channel/);
		expect(() =>
			requests.create(
				{ id: officer },
				{ ...base, channelId: ch, beneficiary: { mode: 'anonymous' } }
			)
		).toThrow(/anonymousNotAllowed/);
		expect(() =>
			requests.create(
				{ id: officer },
				{
					...base,
					kind: 'inquiry',
					channelId: ch,
					beneficiary: { mode: 'anonymous' },
					receivedAt: new Date(Date.now() - 3 * D)
				}
			)
		).toThrow(/backdateReason/);
		expect(requests.list({ kind: 'inquiry' }).total).toBe(0);
	});

	it('lists with filters and queues in SQL, exports escaped cells', () => {
		const now = new Date();
		const a = requests.create(
			{ id: officer },
			{
				channelId: ch,
				kind: 'inquiry',
				beneficiary: { mode: 'anonymous' },
				subject: '=HYPERLINK("x")',
				receivedAt: new Date(now.getTime() - 20 * D),
				backdateReason: 'phone'
			},
			now
		);
		const b = requests.create(
			{ id: officer },
			{
				channelId: ch,
				kind: 'inquiry',
				beneficiary: { mode: 'anonymous' },
				subject: 'soon',
				receivedAt: new Date(now.getTime() - 12 * D),
				backdateReason: 'phone'
			},
			now
		);
		expect(requests.list({ overdue: true }, {}, now).items.map((r) => r.id)).toEqual([a.id]);
		expect(requests.list({ queue: 'dueSoon' }, {}, now).items.map((r) => r.id)).toEqual([b.id]);
		const q = requests.queueCounts(officer, now);
		expect(q.team).toMatchObject({ overdue: 1, dueSoon: 1 });
		expect(q.mine).toMatchObject({ overdue: 1, dueSoon: 1 });
		expect(requests.queueCounts(officer + 100, now).mine.overdue).toBe(0);
		const p = requests.list({}, { limit: 1, offset: 1 }, now);
		expect(p.total).toBe(3);
		expect(p.items).toHaveLength(1);
		const rows = requests.exportRows(
			{ overdue: true },
			'en',
			{ kind: String, status: String, decision: String, headers: ['h'] },
			now
		);
		expect(rows[1][3]).toBe('\'=HYPERLINK("x")');
		expect(requests.toCsv(rows).startsWith('\uFEFF')).toBe(true);
	});

	it('switching to working days with a holiday recomputes open requests only', () => {
		const now = new Date('2026-11-26T17:00:00Z'); // Thursday 20:00 Riyadh
		const open = requests.create(
			{ id: officer },
			{
				channelId: ch,
				kind: 'inquiry',
				beneficiary: { mode: 'anonymous' },
				subject: 'thu evening'
			},
			now
		);
		const decided = requests.list({ status: 'decided' }).items[0];
		requests.saveSla({ id: officer }, { days: 14, mode: 'working', holidays: ['2026-12-01'] });
		expect(requests.get(open.id, now)!.dueAt.toISOString()).toBe('2026-12-17T20:59:59.999Z');
		expect(requests.get(decided.id)!.dueAt).toEqual(decided.dueAt);
		requests.saveSla({ id: officer }, { days: 14, mode: 'calendar', holidays: [] });
		expect(requests.get(open.id, now)!.dueAt.getTime()).toBe(now.getTime() + 14 * D);
		requests.addEvent(
			{ id: officer },
			open.id,
			{ type: 'answered', at: new Date(now.getTime() + H) },
			new Date(now.getTime() + 2 * H)
		);
	});

	it('the nightly job marks a breach once', async () => {
		const first = await notifyBreaches(new Date());
		expect(first.marked).toBe(1);
		expect((await notifyBreaches(new Date())).marked).toBe(0);
	});
});
