/** The first administrator from ADMIN_EMAIL / ADMIN_PASSWORD follows the password policy. */
import { afterAll, expect, it } from 'vitest';
import { useTestDb } from './testing';
import { resetConfig } from './config';
import { startup } from './startup';
import * as users from './users';

useTestDb();
const saved = { ...process.env };
afterAll(() => {
	process.env = saved;
	resetConfig();
});

it('refuses to start with a common ADMIN_PASSWORD, naming the variable', async () => {
	Object.assign(process.env, {
		RIDA_DEMO: '0',
		RIDA_SCHEDULER: '0',
		RIDA_OUTBOX: '0',
		ADMIN_EMAIL: 'admin@example.org',
		ADMIN_PASSWORD: 'password1234',
		RIDA_DATA_KEY: 'a1b2c3d4e5f6'.repeat(5) + '0123'
	});
	resetConfig();
	await expect(startup()).rejects.toThrow(/ADMIN_PASSWORD/);
	expect(users.countActiveAdmins()).toBe(0);
});
