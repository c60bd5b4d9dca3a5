import { error, redirect } from '@sveltejs/kit';
import { flash } from '$lib/server/flash';
import * as policies from '$lib/server/policies';
import { ClauseForm, PolicyForm } from '$lib/server/policies/form';
import { requirePermission, actor } from '$lib/server/guard';
import { can } from '$lib/server/permissions';
import { INDICATOR_KEYS } from '$lib/indicators/registry';
import * as settings from '$lib/server/settings';
import { localDate } from '$lib/dates';
import { invalid, parseForm } from '$lib/server/validate';
import type { Actions, PageServerLoad } from './$types';

function policyOr404(id: string) {
	const p = policies.get(Number(id));
	if (!p) error(404, 'policies.notFound');
	return p;
}

export const load: PageServerLoad = (event) => {
	const me = requirePermission(event, 'policies.read');
	const p = policyOr404(event.params.id);
	const today = localDate(new Date(), settings.get().timeZone);
	const current = policies.isCurrent(p.id);
	const f = policies.fileMeta(p.id);
	return {
		policy: {
			id: p.id,
			titleAr: p.titleAr,
			titleEn: p.titleEn,
			version: p.version,
			approvedBy: p.approvedBy,
			boardMeeting: p.boardMeeting,
			approvedOn: p.approvedOn,
			nextReviewOn: p.nextReviewOn,
			published: p.published,
			current,
			review: current ? policies.reviewState(p.nextReviewOn, today) : 'ok'
		},
		file: f ? { name: f.name, size: f.size, uploadedAt: f.uploadedAt.getTime() } : null,
		clauses: policies.clauses(p.id).map((c) => ({
			id: c.id,
			ref: c.ref,
			textAr: c.textAr,
			textEn: c.textEn,
			indicator: c.indicator
		})),
		indicators: [...INDICATOR_KEYS],
		canManage: can(me.role, 'policies.manage'),
		values: {
			titleAr: p.titleAr,
			titleEn: p.titleEn,
			version: p.version,
			approvedBy: p.approvedBy,
			boardMeeting: p.boardMeeting,
			approvedOn: p.approvedOn,
			nextReviewOn: p.nextReviewOn,
			published: p.published ? 'on' : ''
		}
	};
};

export const actions: Actions = {
	save: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		const res = parseForm(PolicyForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, res.values);
		policies.update(actor(event, me), p.id, res.data);
		flash(event, 'policies.saved');
		redirect(303, `/policies/${p.id}`);
	},
	upload: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		// Refused before the body is read when the declared size is already too big.
		const len = Number(event.request.headers.get('content-length') ?? '0');
		if (len > policies.MAX_FILE_BYTES + 64 * 1024)
			return invalid(413, { file: 'policies.err.fileSize' });
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return invalid(400, { file: 'policies.err.fileEmpty' });
		if (file.size > policies.MAX_FILE_BYTES) return invalid(400, { file: 'policies.err.fileSize' });
		const type = policies.fileType(file.name);
		if (!type) return invalid(400, { file: 'policies.err.fileType' });
		const data = new Uint8Array(await file.arrayBuffer());
		if (!policies.looksLike(type, data)) return invalid(400, { file: 'policies.err.fileContent' });
		policies.setFile(actor(event, me), p.id, { name: file.name, data });
		flash(event, 'policies.fileSaved');
		redirect(303, `/policies/${p.id}`);
	},
	removeFile: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		policies.removeFile(actor(event, me), p.id);
		redirect(303, `/policies/${p.id}`);
	},
	addClause: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		const res = parseForm(ClauseForm, await event.request.formData());
		if (!res.ok) return invalid(400, res.errors, { ...res.values, _clause: '1' });
		policies.addClause(actor(event, me), p.id, res.data);
		redirect(303, `/policies/${p.id}#clauses`);
	},
	removeClause: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		const clause = Number((await event.request.formData()).get('clause'));
		if (Number.isInteger(clause) && clause > 0)
			policies.removeClause(actor(event, me), p.id, clause);
		redirect(303, `/policies/${p.id}#clauses`);
	},
	delete: async (event) => {
		const me = requirePermission(event, 'policies.manage');
		const p = policyOr404(event.params.id);
		policies.remove(actor(event, me), p.id);
		redirect(303, '/policies');
	}
};
