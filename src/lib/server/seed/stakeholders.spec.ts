import { describe, expect, it } from 'vitest';
import { useTestDb } from '../testing';
import * as campaigns from '../campaigns';
import { seedStakeholders } from './stakeholders';

const ctx = useTestDb();

describe('demo stakeholders seed', () => {
	it('seeds the donors’ campaign with personal and open-link answers by segment', () => {
		seedStakeholders(new Date('2026-11-25T09:00:00Z'));
		const [c] = campaigns.list();
		expect(c.nameEn).toBe('Annual donors’ survey');
		expect(c.invited).toBeGreaterThan(60);
		expect(c.completed).toBeGreaterThan(30);
		expect(c.openResponses).toBe(30);
		const seg = new Map(campaigns.bySegment(c.id).map((s) => [s.segment, s.n]));
		expect(seg.get('donor')).toBeGreaterThan(30);
		expect(seg.get('community')).toBeGreaterThan(0);
		expect(c.nextRunDate! > '2026-11-25').toBe(true);
		void ctx;
	});
});
