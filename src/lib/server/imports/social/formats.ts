/** The platform exports Rida recognises: how to tell them apart and where their figures are. */
import type {
	DetectOptions,
	ImportFormat,
	ImportReason,
	Metric,
	PeriodKind,
	SocialPlatform
} from './types';

/**
 * Alternatives per metric. The first alternative whose FIRST column is present is used (else the
 * first with any column present); its columns that are present are summed. '-x' subtracts x.
 */
export type MetricSpec = string[][];
export type Spec = {
	format: ImportFormat;
	platform: SocialPlatform;
	dateCols: string[];
	metrics: Partial<Record<Metric, MetricSpec>>;
	countPosts: boolean;
	/** Account-level rows (one per day): a repeated day is suspicious. */
	accountLevel: boolean;
	dateOrder: 'mdy' | 'dmy';
	periodKind: PeriodKind;
};

export function detectFormat(keys: Set<string>): ImportFormat {
	const has = (k: string) => keys.has(k);
	if (has('post id') && has('publish time') && (has('views') || has('reach') || has('impressions')))
		return 'meta_content';
	if (has('date') && has('video views') && has('profile views')) return 'tiktok_overview';
	if (has('date') && has('total viewers')) return 'tiktok_viewers';
	if (has('date') && (has('watch time (hours)') || (has('views') && has('subscribers'))))
		return 'youtube_table';
	if ((has('post id') || has('tweet id')) && has('impressions') && (has('date') || has('time')))
		return 'x_content';
	if (
		has('date') &&
		has('impressions') &&
		has('engagements') &&
		(has('new follows') || has('create post') || has('tweets published') || has('unfollows'))
	)
		return 'x_content';
	return 'unknown';
}

const META_IG = ['account username', 'account id', 'account name', 'saves'];
const META_FB = ['page id', 'page name', 'reactions', 'reactions, comments and shares'];

export function specFor(
	format: ImportFormat,
	keys: Set<string>,
	opts: DetectOptions
): Spec | { error: ImportReason } {
	const base = {
		format,
		accountLevel: false,
		countPosts: false,
		dateOrder: opts.dateOrder ?? 'mdy',
		periodKind: 'day'
	} as const;
	switch (format) {
		case 'x_content': {
			const perPost = keys.has('post id') || keys.has('tweet id');
			return {
				...base,
				platform: 'x',
				dateCols: ['date', 'time'],
				countPosts: perPost,
				accountLevel: !perPost,
				metrics: {
					impressions: [['impressions']],
					engagements: [['engagements']],
					followers: [['new follows', '-unfollows'], ['follows']],
					...(perPost ? {} : { posts: [['create post'], ['tweets published']] })
				}
			};
		}
		case 'meta_content': {
			let platform: SocialPlatform | null = null;
			if (META_IG.some((k) => keys.has(k))) platform = 'instagram';
			else if (META_FB.some((k) => keys.has(k))) platform = 'facebook';
			else if (opts.platformHint === 'instagram' || opts.platformHint === 'facebook')
				platform = opts.platformHint;
			if (!platform) return { error: 'import.platformUnknown' };
			return {
				...base,
				platform,
				dateCols: ['publish time', 'date'],
				countPosts: true,
				metrics: {
					// Per-post "Reach" is deliberately NOT read: it cannot be summed across posts.
					impressions: [['views'], ['impressions']],
					engagements: [
						['reactions, comments and shares'],
						['reactions', 'comments', 'shares', 'saves'],
						['likes', 'comments', 'shares', 'saves']
					],
					followers: [['follows']]
				}
			};
		}
		case 'tiktok_overview':
			return {
				...base,
				platform: 'tiktok',
				dateCols: ['date'],
				accountLevel: true,
				metrics: { impressions: [['video views']], engagements: [['likes', 'comments', 'shares']] }
			};
		case 'tiktok_viewers':
			return {
				...base,
				platform: 'tiktok',
				dateCols: ['date'],
				accountLevel: true,
				metrics: { reach: [['total viewers']] }
			};
		case 'youtube_table':
			return {
				...base,
				platform: 'youtube',
				dateCols: ['date'],
				accountLevel: true,
				metrics: {
					reach: [['unique viewers']],
					impressions: [['impressions'], ['views']],
					engagements: [['likes', 'comments added', 'shares']],
					followers: [['subscribers'], ['subscribers gained', '-subscribers lost']],
					posts: [['videos published'], ['videos added']]
				}
			};
		default:
			return { error: 'import.platformUnknown' };
	}
}
