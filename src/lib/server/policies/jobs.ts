/**
 * The policy review reminder, registered when startup.ts imports this module: daily at 07:10
 * (association time; caught up at start-up), admins and quality officers get one e-mail when
 * a current policy's review date comes within 30 days, and one when it is reached.
 */
import { asLocale } from '$lib/i18n/locales';
import { log } from '../log';
import { sendMail } from '../mail';
import { publicOrigin } from '../mode';
import * as scheduler from '../scheduler';
import * as settings from '../settings';
import { localDate } from '../../dates';
import { reviewRecipients, takeNotices, type Due } from './index';

const TEXT = {
	ar: (ds: Due[], url: string) => ({
		subject: `مراجعة السياسات: ${ds.length} ${ds.length === 1 ? 'سياسة' : 'سياسات'}`,
		text:
			ds
				.map(
					(d) =>
						`- ${d.titleAr} (الإصدار ${d.version}): ${d.state === 'past' ? 'حلّ موعد مراجعتها' : 'يقترب موعد مراجعتها'} ${d.nextReviewOn}`
				)
				.join('\n') + `\n\nسجل السياسات: ${url}\n`
	}),
	en: (ds: Due[], url: string) => ({
		subject: `Policy review: ${ds.length} ${ds.length === 1 ? 'policy' : 'policies'}`,
		text:
			ds
				.map(
					(d) =>
						`- ${d.titleEn || d.titleAr} (version ${d.version}): review ${d.state === 'past' ? 'due since' : 'due on'} ${d.nextReviewOn}`
				)
				.join('\n') + `\n\nPolicy register: ${url}\n`
	})
};

export async function notifyReviews(now = new Date()) {
	const due = takeNotices(localDate(now, settings.get().timeZone));
	let sent = 0;
	if (due.length) {
		const url = `${publicOrigin()}/policies`;
		for (const r of reviewRecipients()) {
			try {
				const m = TEXT[asLocale(r.locale)](due, url);
				if ((await sendMail({ to: r.email, ...m }, 'policy-review')).sent) sent++;
			} catch (e) {
				log('warn', 'policy review mail failed', {
					error: e instanceof Error ? e.message : String(e)
				});
			}
		}
	}
	log('info', 'policy reviews checked', { due: due.length, sent });
	return { due: due.length, sent };
}

scheduler.registerJob({
	name: 'policies.review',
	pattern: '10 7 * * *',
	run: () => notifyReviews().then(() => undefined)
});
