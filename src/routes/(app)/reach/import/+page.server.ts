import { redirect } from '@sveltejs/kit';
import { requirePermission, actor } from '$lib/server/guard';
import * as social from '$lib/server/reach/social';
import {
	columnMappingSchema,
	detectAndParse,
	FILE_REASONS,
	fileFingerprint,
	MAX_IMPORT_BYTES,
	parseWithMapping,
	isSocialPlatform
} from '$lib/server/imports/social';
import * as settings from '$lib/server/settings';
import { invalid } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

const SHOW_ROWS = 200;
const SHOW_ERRORS = 100;

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'reach.manage');
	const platforms = social
		.listPlatforms()
		.filter((p) => isSocialPlatform(p.key))
		.map((p) => ({ key: p.key, nameAr: p.nameAr, nameEn: p.nameEn }));
	const id = event.url.searchParams.get('stage');
	const s = id ? social.staged(id, me.id) : null;
	return {
		platforms,
		expired: !!id && !s,
		imports: social.recentImports(8),
		stage: s && {
			id: s.id,
			fileName: s.fileName,
			format: s.format,
			platform: s.platform,
			rowCount: s.rows.length,
			rows: s.rows.slice(0, SHOW_ROWS),
			errorCount: s.errors.length,
			errors: s.errors.slice(0, SHOW_ERRORS),
			warnings: s.warnings,
			headers: s.format === 'unknown' ? s.headers : [],
			preview: s.format === 'unknown' ? s.preview : [],
			needsMapping: s.format === 'unknown' && s.rows.length === 0,
			alreadyImported: !!social.alreadyImported(s.fingerprint)
		}
	};
};

export const actions: Actions = {
	upload: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch {
			return invalid(413, { file: 'import.tooLarge' });
		}
		const file = form.get('file');
		const platformHint = String(form.get('platform') ?? '');
		const yearRaw = String(form.get('year') ?? '').trim();
		const values = { platform: platformHint, year: yearRaw };
		if (!(file instanceof File) || file.size === 0)
			return invalid(400, { file: 'errors.required' }, values);
		if (file.size > MAX_IMPORT_BYTES) return invalid(400, { file: 'import.tooLarge' }, values);
		const year = /^\d{4}$/.test(yearRaw) ? Number(yearRaw) : undefined;
		if (yearRaw && (!year || year < 2000 || year > 2100))
			return invalid(400, { year: 'errors.invalid' }, values);
		const buf = new Uint8Array(await file.arrayBuffer());
		const res = await detectAndParse(buf, file.name, {
			year,
			platformHint: isSocialPlatform(platformHint) ? platformHint : undefined,
			timeZone: settings.get().timeZone
		});
		const fileError = res.errors.find((e) => e.row === 0 && FILE_REASONS.includes(e.reason));
		if (fileError) return invalid(400, { file: fileError.reason }, values);
		const staged = social.stage({
			userId: me.id,
			fileName: file.name.slice(0, 200),
			fingerprint: fileFingerprint(buf),
			format: res.format,
			platform: res.platform ?? (isSocialPlatform(platformHint) ? platformHint : null),
			rows: res.rows,
			errors: res.errors,
			warnings: res.warnings,
			headers: res.headers,
			preview: res.preview,
			file: res.format === 'unknown' ? buf : null
		});
		redirect(303, `/reach/import?stage=${staged.id}`);
	},

	map: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const form = await event.request.formData();
		const s = social.staged(String(form.get('stage') ?? ''), me.id);
		if (!s || !s.file) redirect(303, '/reach/import?stage=expired');
		const cols = (name: string) => form.getAll(name).map(String).filter(Boolean);
		const raw = {
			platform: String(form.get('platform') ?? ''),
			periodKind: String(form.get('periodKind') ?? ''),
			date: String(form.get('date') ?? ''),
			reach: cols('reach')[0],
			impressions: cols('impressions').length ? cols('impressions') : undefined,
			followers: cols('followers').length ? cols('followers') : undefined,
			engagements: cols('engagements').length ? cols('engagements') : undefined,
			posts: cols('posts').length ? cols('posts') : undefined,
			countRowsAsPosts: form.get('countRowsAsPosts') === 'on',
			dateOrder: form.get('dateOrder') === 'mdy' ? 'mdy' : 'dmy'
		};
		const values = Object.fromEntries(
			Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')])
		);
		const m = columnMappingSchema.safeParse(raw);
		if (!m.success) {
			const errors: Record<string, string> = {};
			for (const i of m.error.issues)
				errors[String(i.path[0] ?? '_form')] ??=
					i.path[0] === 'platform' || i.path[0] === 'periodKind'
						? 'errors.choice'
						: 'errors.required';
			return invalid(400, errors, values);
		}
		const res = await parseWithMapping(s.file, s.fileName, m.data, {
			timeZone: settings.get().timeZone
		});
		social.restage(s.id, me.id, {
			platform: res.platform,
			rows: res.rows,
			errors: res.errors,
			warnings: res.warnings
		});
		redirect(303, `/reach/import?stage=${s.id}`);
	},

	confirm: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const form = await event.request.formData();
		const s = social.staged(String(form.get('stage') ?? ''), me.id);
		if (!s) redirect(303, '/reach/import?stage=expired');
		const out = social.commitImport(actor(event, me), s);
		if (!out.ok) return invalid(409, { _form: out.reason });
		redirect(303, `/reach/import?done=${out.rows}`);
	},

	cancel: async (event) => {
		const me = requirePermission(event, 'reach.manage');
		const form = await event.request.formData();
		const s = social.staged(String(form.get('stage') ?? ''), me.id);
		if (s) social.discard(s.id);
		redirect(303, '/reach/import');
	}
};
