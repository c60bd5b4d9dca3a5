/**
 * Request jobs, registered when startup.ts imports this module. Nightly at 01:30 (association
 * time; caught up at start-up if missed): mark requests that passed their due date without a
 * decision and email their assignee once.
 */
import { log } from '../log';
import { sendMail } from '../mail';
import { publicOrigin } from '../mode';
import * as scheduler from '../scheduler';
import { markBreaches } from './index';

const TEXT = {
	ar: (code: string, url: string) => ({
		subject: `تجاوز مهلة الرد: الطلب ${code}`,
		text: `مضت مهلة الرد على الطلب ${code} دون قرار.\nافتحه من هنا: ${url}\n`
	}),
	en: (code: string, url: string) => ({
		subject: `Response time exceeded: request ${code}`,
		text: `Request ${code} passed its due date without a decision.\nOpen it: ${url}\n`
	})
};

export async function notifyBreaches(now = new Date()) {
	const rows = markBreaches(now);
	let sent = 0;
	for (const r of rows) {
		if (!r.assigneeEmail) continue;
		const m = (r.assigneeLocale === 'en' ? TEXT.en : TEXT.ar)(
			r.code,
			`${publicOrigin()}/requests/${r.id}`
		);
		try {
			if ((await sendMail({ to: r.assigneeEmail, ...m }, `request:${r.id}`)).sent) sent++;
		} catch (e) {
			log('warn', 'breach mail failed', {
				request: r.id,
				error: e instanceof Error ? e.message : String(e)
			});
		}
	}
	log('info', 'request breaches marked', { marked: rows.length, sent });
	return { marked: rows.length, sent };
}

scheduler.registerJob({
	name: 'requests.breaches',
	pattern: '30 1 * * *',
	run: () => notifyBreaches().then(() => undefined)
});
