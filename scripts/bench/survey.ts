/** The beneficiary's survey page: first-load JS+CSS (gzip) in Chromium, budget 50 KB. */
import { pageWeight, withServer } from './lib';

export const surveyWeight = async () => {
	await withServer(
		async () => {
			const { getDb } = await import('../../src/lib/server/db/index.ts');
			getDb();
			const { syncDefinitions } = await import('../../src/lib/server/surveys/versions.ts');
			syncDefinitions();
			const { ensure } = await import('../../src/lib/server/settings.ts');
			ensure();
			const { createInvitation } = await import('../../src/lib/server/invitations/index.ts');
			const inv = createInvitation({ kind: 'program', surveyId: 'post-program', locale: 'ar' });
			getDb().$client.close();
			return inv.token;
		},
		async (origin, token) => {
			const w = await pageWeight(`${origin}/s/${token as string}`);
			for (const b of w.bodies)
				console.log(`  ${(b.gz / 1024).toFixed(1).padStart(6)} KB  ${b.type.padEnd(10)} ${b.url}`);
			console.log(`  ${(w.inlineGz / 1024).toFixed(1).padStart(6)} KB  inline`);
			const kb = w.total / 1024;
			console.log(
				`survey page /s/[token] first load, JS+CSS gzip: ${kb.toFixed(1)} KB (budget 50 KB) ${kb < 50 ? 'OK' : 'OVER BUDGET'}`
			);
			if (kb >= 50) process.exitCode = 1;
		}
	);
};
