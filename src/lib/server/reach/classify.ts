/**
 * Website traffic-source classification for the cookie-less counter (src/lib/reach/reach.js (served by routes/reach.js) → /api/collect).
 * Pure functions: no DB, no network.
 *
 * Order of the rules in classifySource:
 *   1. UTM parameters on the page URL (utm_source / utm_medium / utm_campaign present and
 *      non-empty) → 'campaign', unless utm_source names a social platform ('instagram',
 *      'ig_story', 'twitter', 'x', 'fb', 'wa', 'snapchat.com', …) → that platform.
 *   2. No referrer, an unreadable referrer, or a referrer on the site's own host (or a
 *      subdomain of it) → 'direct' (refHost null).
 *   3. Referrer host of a known search engine → 'search'.
 *   4. Referrer host of a known social platform (incl. Android app referrers such as
 *      android-app://com.twitter.android) → that platform.
 *   5. Anything else → 'other'.
 */
import { isbot } from 'isbot';

export type TrafficSource =
	| 'direct'
	| 'search'
	| 'campaign'
	| 'x'
	| 'instagram'
	| 'facebook'
	| 'snapchat'
	| 'tiktok'
	| 'youtube'
	| 'linkedin'
	| 'telegram'
	| 'whatsapp'
	| 'other';

export type SocialSource = Exclude<TrafficSource, 'direct' | 'search' | 'campaign' | 'other'>;

export type Classification = {
	source: TrafficSource;
	/** Lower-case referrer host without a leading 'www.'; null for no/unreadable/self referrer. */
	refHost: string | null;
	/** utm_source, trimmed and lower-cased (max 100 chars); null when absent. */
	utmSource: string | null;
};

/** Host suffixes per platform: the host equals the suffix or ends with '.' + suffix. */
const SOCIAL_HOSTS: Record<SocialSource, string[]> = {
	x: ['t.co', 'x.com', 'twitter.com'],
	instagram: ['instagram.com', 'instagr.am'],
	facebook: ['facebook.com', 'fb.me', 'fb.com', 'messenger.com'],
	snapchat: ['snapchat.com', 'snap.com'],
	tiktok: ['tiktok.com'],
	youtube: ['youtube.com', 'youtu.be'],
	linkedin: ['linkedin.com', 'lnkd.in'],
	telegram: ['t.me', 'telegram.org', 'telegram.me'],
	whatsapp: ['wa.me', 'whatsapp.com']
};

/** Android app referrers (android-app://<package>/…). */
const ANDROID_APPS: Record<string, Exclude<TrafficSource, 'direct' | 'campaign' | 'other'>> = {
	'com.google.android.googlequicksearchbox': 'search',
	'com.twitter.android': 'x',
	'com.instagram.android': 'instagram',
	'com.facebook.katana': 'facebook',
	'com.facebook.lite': 'facebook',
	'com.facebook.orca': 'facebook',
	'com.snapchat.android': 'snapchat',
	'com.zhiliaoapp.musically': 'tiktok',
	'com.ss.android.ugc.trill': 'tiktok',
	'com.google.android.youtube': 'youtube',
	'com.linkedin.android': 'linkedin',
	'org.telegram.messenger': 'telegram',
	'com.whatsapp': 'whatsapp',
	'com.whatsapp.w4b': 'whatsapp'
};

/** utm_source words (split on non-alphanumerics) that name a platform. */
const UTM_WORDS: Record<string, SocialSource> = {
	x: 'x',
	twitter: 'x',
	tweet: 'x',
	instagram: 'instagram',
	insta: 'instagram',
	ig: 'instagram',
	facebook: 'facebook',
	fb: 'facebook',
	snapchat: 'snapchat',
	snap: 'snapchat',
	tiktok: 'tiktok',
	youtube: 'youtube',
	yt: 'youtube',
	linkedin: 'linkedin',
	telegram: 'telegram',
	tg: 'telegram',
	whatsapp: 'whatsapp',
	wa: 'whatsapp',
	// Arabic spellings admins use in their own links.
	تويتر: 'x',
	انستقرام: 'instagram',
	انستغرام: 'instagram',
	فيسبوك: 'facebook',
	سناب: 'snapchat',
	سنابشات: 'snapchat',
	تيكتوك: 'tiktok',
	تيك: 'tiktok',
	يوتيوب: 'youtube',
	لينكدان: 'linkedin',
	تيليجرام: 'telegram',
	تلجرام: 'telegram',
	واتساب: 'whatsapp',
	واتس: 'whatsapp'
};

const GOOGLE_SEARCH_SUBDOMAINS = new Set(['', 'www', 'm', 'news', 'images', 'scholar']);

function hostMatches(host: string, suffix: string): boolean {
	return host === suffix || host.endsWith('.' + suffix);
}

function stripWww(host: string): string {
	return host.startsWith('www.') ? host.slice(4) : host;
}

function normaliseHost(h: string): string {
	let s = h.trim().toLowerCase();
	if (!s) return '';
	if (!s.includes('://')) s = 'http://' + s;
	try {
		return stripWww(new URL(s).hostname.replace(/\.$/, ''));
	} catch {
		return '';
	}
}

/**
 * normaliseHost for the site's own host, remembered: the collector only gets here for pages on
 * a registered origin, so there are few, and each would otherwise cost a URL parse per view.
 */
const siteHosts = new Map<string, string>();
function siteHostOf(host: string): string {
	let h = siteHosts.get(host);
	if (h === undefined) {
		if (siteHosts.size >= 1000) siteHosts.clear();
		h = normaliseHost(host);
		siteHosts.set(host, h);
	}
	return h;
}

function isSearchHost(host: string): boolean {
	const g = /^(?:(.+)\.)?google\.(?:com|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2,3})$/.exec(host);
	if (g) return GOOGLE_SEARCH_SUBDOMAINS.has(g[1] ?? '');
	if (hostMatches(host, 'bing.com')) return true;
	if (hostMatches(host, 'duckduckgo.com')) return true;
	if (/(^|\.)search\.yahoo\.(com|co\.[a-z]{2}|[a-z]{2})$/.test(host)) return true;
	if (/^(?:[a-z]{2}\.)?yahoo\.(com|co\.[a-z]{2}|[a-z]{2})$/.test(host)) return true;
	if (/(^|\.)yandex\.(ru|com|com\.tr|kz|by|ua|uz)$/.test(host) || host === 'ya.ru') return true;
	if (hostMatches(host, 'baidu.com')) return true;
	if (hostMatches(host, 'ecosia.org')) return true;
	if (host === 'search.brave.com') return true;
	if (
		hostMatches(host, 'startpage.com') ||
		hostMatches(host, 'qwant.com') ||
		hostMatches(host, 'petalsearch.com')
	)
		return true;
	return false;
}

function socialOfHost(host: string): SocialSource | null {
	for (const [platform, suffixes] of Object.entries(SOCIAL_HOSTS) as [SocialSource, string[]][]) {
		if (suffixes.some((s) => hostMatches(host, s))) return platform;
	}
	return null;
}

/** The platform named by a utm_source value ('instagram', 'IG_story', 'twitter.com', 'واتساب'), if any. */
export function socialOfUtmSource(utmSource: string): SocialSource | null {
	const v = utmSource.trim().toLowerCase();
	if (!v) return null;
	const asHost = socialOfHost(stripWww(v));
	if (asHost) return asHost;
	for (const word of v.split(/[^\p{L}\p{N}]+/u)) {
		if (word && Object.hasOwn(UTM_WORDS, word)) return UTM_WORDS[word];
		if (word && /\.(com|me|co|in|be|am)$/.test(word)) {
			const h = socialOfHost(word);
			if (h) return h;
		}
	}
	// Host-like values inside a longer string ('l.instagram.com-bio').
	for (const token of v.split(/[^a-z0-9.]+/)) {
		const h = token.includes('.') ? socialOfHost(stripWww(token)) : null;
		if (h) return h;
	}
	return null;
}

function parseUrl(url: string): URL | null {
	try {
		return new URL(url, 'http://invalid.invalid');
	} catch {
		return null;
	}
}

/**
 * True when a query string may hold a utm_* parameter: parsing the query (URLSearchParams)
 * is skipped for the rest. A '%' may encode any letter of the name, so it always parses.
 */
const mayHaveUtm = (search: string) => search.includes('utm') || search.includes('%');

export function classifySource(input: {
	referrer?: string | null;
	url: string;
	/** The page URL already parsed (the collector has it): spares parsing it again. */
	page?: URL;
	siteHost: string;
}): Classification {
	const page = input.page ?? parseUrl(input.url);
	const params = page && mayHaveUtm(page.search) ? page.searchParams : undefined;
	const utmRaw = params?.get('utm_source')?.trim() ?? '';
	const utmSource = utmRaw ? scrubPersonal(utmRaw.toLowerCase()).slice(0, 100) : null;
	const hasUtm =
		!!utmRaw || !!params?.get('utm_medium')?.trim() || !!params?.get('utm_campaign')?.trim();

	const site = siteHostOf(input.siteHost);
	let refHost: string | null = null;
	let refSource: TrafficSource = 'direct';
	const ref = (input.referrer ?? '').trim();
	if (ref) {
		let u: URL | null;
		try {
			u = new URL(ref);
		} catch {
			u = null;
		}
		if (u && u.protocol === 'android-app:') {
			const pkg = (u.host || u.pathname.replace(/^\/+/, '').split('/')[0]).toLowerCase();
			refHost = pkg || null;
			refSource = ANDROID_APPS[pkg] ?? 'other';
		} else if (u && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname) {
			const host = stripWww(u.hostname.toLowerCase().replace(/\.$/, ''));
			if (site && (host === site || host.endsWith('.' + site))) {
				refHost = null;
				refSource = 'direct';
			} else {
				refHost = host;
				refSource = isSearchHost(host) ? 'search' : (socialOfHost(host) ?? 'other');
			}
		}
	}

	if (hasUtm) {
		const social = utmSource ? socialOfUtmSource(utmSource) : null;
		return { source: social ?? 'campaign', refHost, utmSource };
	}
	return { source: refSource, refHost, utmSource };
}

const DIGIT = '[0-9\u0660-\u0669\u06f0-\u06f9]';
/** Five or more digits, optionally one space, dot, dash or bracket apart: phones, national ids. */
const DIGIT_RUN = new RegExp(`\\+?${DIGIT}(?:[\\s.\\-()]?${DIGIT}){4,}`, 'gu');
/** An email address inside a path segment or parameter (the @ possibly still encoded). */
const EMAIL = /[^/\s@?#&=]+(?:@|%40)[^/\s@?#&=]+\.[^/\s@?#&=]+/giu;

/**
 * A visitor's page path or campaign tag may carry their email or phone (a profile URL, a
 * "call me back" page, a mail campaign that put the address in utm_source): they are
 * replaced by ':email' and ':n' before anything is stored (PDPL: beacon paths are personal
 * data until scrubbed). Runs of fewer than five digits (years, page numbers) are kept.
 */
export function scrubPersonal(text: string): string {
	return text.replace(EMAIL, ':email').replace(DIGIT_RUN, ':n');
}

/**
 * Path of a page URL for grouping: no scheme/host, no query string, no fragment,
 * percent-decoded when valid (Arabic slugs become readable), emails and digit runs replaced
 * (scrubPersonal), at most 300 characters (cut on a code-point boundary). Unreadable input → '/'.
 */
export function normalisePath(url: string | URL): string {
	const u = typeof url === 'string' ? parseUrl(url) : url;
	let path = u ? u.pathname : '/';
	try {
		path = decodeURI(path);
	} catch {
		/* keep the encoded form */
	}
	if (!path.startsWith('/')) path = '/' + path;
	path = scrubPersonal(path);
	if (path.length <= 300) return path; // never more code points than UTF-16 units
	const chars = Array.from(path);
	return chars.length > 300 ? chars.slice(0, 300).join('') : path;
}

const AUTOMATION_UA = /HeadlessChrome|PhantomJS|Electron|Puppeteer|Playwright|Selenium|Lighthouse/i;

type HeaderBag = Headers | Record<string, string | string[] | null | undefined> | null | undefined;

/** The request headers isAutomation reads, lower-case. */
const AUTOMATION_HEADERS = new Set(['sec-ch-ua', 'sec-purpose', 'purpose', 'x-purpose', 'x-moz']);

/**
 * Those headers of a request, in one pass over a plain record (node's are already lower-case,
 * but a record from elsewhere may not be), or through `get` for a Headers object.
 */
function automationHeaders(headers: HeaderBag): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers) return out;
	if (typeof (headers as Headers).get === 'function') {
		for (const name of AUTOMATION_HEADERS) out[name] = (headers as Headers).get(name) ?? '';
		return out;
	}
	const rec = headers as Record<string, string | string[] | null | undefined>;
	for (const key in rec) {
		const name = AUTOMATION_HEADERS.has(key) ? key : key.toLowerCase();
		if (!AUTOMATION_HEADERS.has(name)) continue;
		const v = rec[key];
		out[name] = Array.isArray(v) ? v.join(', ') : (v ?? '');
	}
	return out;
}

/**
 * isbot's pattern is one large regular expression (≈ 10 µs a test here) and a browser sends the
 * same User-Agent with each of its page views: verdicts are remembered in memory, for at most
 * MAX_AGENTS agents (then forgotten all at once), never stored.
 */
const MAX_AGENTS = 10_000;
const agents = new Map<string, boolean>();
function botAgent(ua: string): boolean {
	let bot = agents.get(ua);
	if (bot === undefined) {
		bot = isbot(ua) || AUTOMATION_UA.test(ua);
		if (agents.size >= MAX_AGENTS) agents.clear();
		agents.set(ua, bot);
	}
	return bot;
}

/**
 * True for requests that must not be counted as human page views: a missing/blank
 * User-Agent, a known bot (isbot), automation/headless browsers, client hints naming a
 * headless brand, and prefetch/prerender requests (Purpose / Sec-Purpose headers).
 */
export function isAutomation(userAgent: string | null | undefined, headers?: HeaderBag): boolean {
	const ua = (userAgent ?? '').trim();
	if (!ua) return true;
	if (botAgent(ua)) return true;
	const h = automationHeaders(headers);
	if (h['sec-ch-ua'] && /HeadlessChrome/i.test(h['sec-ch-ua'])) return true;
	const purpose = `${h['sec-purpose'] ?? ''} ${h['purpose'] ?? ''} ${h['x-purpose'] ?? ''} ${h['x-moz'] ?? ''}`;
	if (/prefetch|prerender|preview/i.test(purpose)) return true;
	return false;
}
