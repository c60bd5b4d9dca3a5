import { describe, expect, it } from 'vitest';
import { classifySource, isAutomation, normalisePath, socialOfUtmSource } from './classify';

const site = 'jamiya.org.sa';
const page = 'https://jamiya.org.sa/programs/orphans';
const c = (referrer: string | undefined, url = page, siteHost = site) =>
	classifySource({ referrer, url, siteHost });

describe('classifySource', () => {
	it('no referrer or own host → direct', () => {
		expect(c(undefined)).toEqual({ source: 'direct', refHost: null, utmSource: null });
		expect(c('')).toEqual({ source: 'direct', refHost: null, utmSource: null });
		expect(c('https://jamiya.org.sa/')).toEqual({
			source: 'direct',
			refHost: null,
			utmSource: null
		});
		expect(c('https://www.jamiya.org.sa/about')).toMatchObject({ source: 'direct', refHost: null });
		expect(c('https://blog.jamiya.org.sa/x')).toMatchObject({ source: 'direct' });
		expect(c('https://jamiya.org.sa/', page, 'https://www.jamiya.org.sa:443')).toMatchObject({
			source: 'direct'
		});
		expect(c('not a url')).toMatchObject({ source: 'direct', refHost: null });
	});

	it('search engines', () => {
		for (const r of [
			'https://www.google.com/',
			'https://www.google.com.sa/',
			'https://google.co.uk/search?q=x',
			'https://www.bing.com/search?q=x',
			'https://duckduckgo.com/',
			'https://search.yahoo.com/search?p=x',
			'https://yandex.ru/search/?text=x',
			'https://www.baidu.com/s?wd=x',
			'https://www.ecosia.org/search?q=x',
			'https://search.brave.com/search?q=x',
			'android-app://com.google.android.googlequicksearchbox/'
		]) {
			expect(c(r).source, r).toBe('search');
		}
		expect(c('https://www.google.com.sa/')).toMatchObject({ refHost: 'google.com.sa' });
		expect(c('https://mail.google.com/mail/u/0/').source).toBe('other');
		expect(c('https://docs.google.com/document/d/1').source).toBe('other');
	});

	it('social hosts → platform', () => {
		const cases: [string, string][] = [
			['https://t.co/abc', 'x'],
			['https://x.com/jamiya', 'x'],
			['https://twitter.com/', 'x'],
			['https://mobile.twitter.com/', 'x'],
			['https://instagram.com/', 'instagram'],
			['https://l.instagram.com/?u=x', 'instagram'],
			['https://www.facebook.com/', 'facebook'],
			['https://m.facebook.com/', 'facebook'],
			['https://l.facebook.com/l.php?u=x', 'facebook'],
			['https://lm.facebook.com/', 'facebook'],
			['https://fb.me/x', 'facebook'],
			['https://www.snapchat.com/', 'snapchat'],
			['https://www.tiktok.com/@x', 'tiktok'],
			['https://www.youtube.com/watch?v=1', 'youtube'],
			['https://m.youtube.com/', 'youtube'],
			['https://youtu.be/1', 'youtube'],
			['https://www.linkedin.com/feed', 'linkedin'],
			['https://lnkd.in/x', 'linkedin'],
			['https://t.me/channel', 'telegram'],
			['https://web.telegram.org/', 'telegram'],
			['https://telegram.org/', 'telegram'],
			['https://wa.me/966500000000', 'whatsapp'],
			['https://web.whatsapp.com/', 'whatsapp'],
			['https://whatsapp.com/', 'whatsapp'],
			['android-app://com.twitter.android', 'x'],
			['android-app://com.instagram.android/', 'instagram']
		];
		for (const [r, s] of cases) expect(c(r).source, r).toBe(s);
		expect(c('https://l.instagram.com/?u=x')).toMatchObject({
			refHost: 'l.instagram.com',
			utmSource: null
		});
	});

	it('hosts that only look similar are other', () => {
		expect(c('https://notx.com/').source).toBe('other');
		expect(c('https://faketwitter.com/').source).toBe('other');
		expect(c('https://example.com/').source).toBe('other');
		expect(c('https://example.com/')).toMatchObject({ refHost: 'example.com' });
		expect(c('https://www.moe.gov.sa/')).toMatchObject({ source: 'other', refHost: 'moe.gov.sa' });
	});

	it('UTM parameters → campaign unless utm_source names a platform', () => {
		expect(
			c(undefined, page + '?utm_source=newsletter&utm_medium=email&utm_campaign=ramadan')
		).toEqual({
			source: 'campaign',
			refHost: null,
			utmSource: 'newsletter'
		});
		expect(c(undefined, page + '?utm_campaign=ramadan').source).toBe('campaign');
		expect(c(undefined, page + '?utm_medium=sms').source).toBe('campaign');
		expect(c('https://www.google.com/', page + '?utm_source=google&utm_medium=cpc')).toEqual({
			source: 'campaign',
			refHost: 'google.com',
			utmSource: 'google'
		});
		expect(c(undefined, page + '?utm_source=Instagram&utm_medium=bio').source).toBe('instagram');
		expect(c(undefined, page + '?utm_source=ig_story').source).toBe('instagram');
		expect(c(undefined, page + '?utm_source=twitter.com').source).toBe('x');
		expect(c(undefined, page + '?utm_source=X').source).toBe('x');
		expect(c(undefined, page + '?utm_source=fb').source).toBe('facebook');
		expect(c(undefined, page + '?utm_source=whatsapp-channel').source).toBe('whatsapp');
		expect(c(undefined, page + '?utm_source=' + encodeURIComponent('سناب')).source).toBe(
			'snapchat'
		);
		// Referrer says facebook, UTM says newsletter: the explicit tag wins.
		expect(c('https://l.facebook.com/', page + '?utm_source=newsletter').source).toBe('campaign');
		// Empty UTM values do not count.
		expect(c(undefined, page + '?utm_source=&utm_medium=').source).toBe('direct');
	});

	it('works with a relative page URL', () => {
		expect(c('https://t.co/x', '/?utm_source=tiktok').source).toBe('tiktok');
	});

	it('socialOfUtmSource', () => {
		expect(socialOfUtmSource('linkedin_post')).toBe('linkedin');
		expect(socialOfUtmSource('youtube.com')).toBe('youtube');
		expect(socialOfUtmSource('sms')).toBe(null);
		expect(socialOfUtmSource('waqf')).toBe(null);
		expect(socialOfUtmSource('')).toBe(null);
	});
});

describe('normalisePath', () => {
	it('keeps the path only', () => {
		expect(normalisePath('https://a.sa/programs/x?utm_source=y#top')).toBe('/programs/x');
		expect(normalisePath('https://a.sa')).toBe('/');
		expect(normalisePath('/a/b?c=d')).toBe('/a/b');
		expect(normalisePath('https://a.sa/%D8%A8%D8%B1%D8%A7%D9%85%D8%AC')).toBe('/برامج');
		expect(normalisePath('https://a.sa/%E0%A4%A')).toBe('/%E0%A4%A');
	});
	it('caps at 300 characters', () => {
		const long = normalisePath('https://a.sa/' + 'ب'.repeat(500));
		expect(Array.from(long)).toHaveLength(300);
		expect(normalisePath('https://a.sa/' + 'a'.repeat(500))).toHaveLength(300);
	});
});

describe('isAutomation', () => {
	const chrome =
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
	const iphone =
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
	it('lets real browsers through', () => {
		expect(isAutomation(chrome, {})).toBe(false);
		expect(isAutomation(iphone, new Headers({ 'sec-ch-ua': '"Chromium";v="124"' }))).toBe(false);
	});
	it('flags bots, headless browsers and missing UA', () => {
		expect(isAutomation(undefined, {})).toBe(true);
		expect(isAutomation('  ', {})).toBe(true);
		expect(isAutomation(null)).toBe(true);
		expect(
			isAutomation('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', {})
		).toBe(true);
		expect(isAutomation(chrome.replace('Chrome/', 'HeadlessChrome/'), {})).toBe(true);
		expect(isAutomation(chrome + ' Electron/30.0.0', {})).toBe(true);
		expect(isAutomation(chrome + ' Chrome-Lighthouse', {})).toBe(true);
		expect(isAutomation('Mozilla/5.0 PhantomJS/2.1.1', {})).toBe(true);
		expect(isAutomation(chrome, { 'Sec-CH-UA': '"HeadlessChrome";v="124"' })).toBe(true);
		expect(isAutomation(chrome, new Headers({ 'sec-purpose': 'prefetch;prerender' }))).toBe(true);
		expect(isAutomation(chrome, { purpose: ['prefetch'] })).toBe(true);
		// The verdict on a User-Agent is remembered; each request's own headers still count.
		for (let i = 0; i < 2; i++) {
			expect(isAutomation(chrome, {})).toBe(false);
			expect(isAutomation(chrome, { 'sec-purpose': 'prefetch' })).toBe(true);
			expect(isAutomation('Googlebot/2.1', {})).toBe(true);
		}
	});
});
