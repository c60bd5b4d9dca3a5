import { fail } from '@sveltejs/kit';
import * as imp from '$lib/server/imports/beneficiaries';
import { requirePermission, actor } from '$lib/server/guard';
import { log } from '$lib/server/log';
import * as programs from '$lib/server/programs';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'beneficiaries.manage');
	return {
		programs: programs.options(),
		preselect: Number(event.url.searchParams.get('program')) || null
	};
};

const programIdOf = (v: FormDataEntryValue | null) => {
	const n = Number(v);
	return Number.isInteger(n) && n > 0 && programs.get(n) ? n : null;
};

export const actions: Actions = {
	preview: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const len = Number(event.request.headers.get('content-length') ?? 0);
		if (len > imp.MAX_BYTES + 16 * 1024) return fail(413, { fileError: 'import.err.fileSize' });
		const form = await event.request.formData();
		const file = form.get('file');
		const programId = programIdOf(form.get('programId'));
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { fileError: 'import.err.empty', programId });
		try {
			const table = await imp.readTable(new Uint8Array(await file.arrayBuffer()), file.name);
			const preview = imp.check(table);
			const id = imp.stash(me.id, preview);
			return {
				previewId: id,
				programId,
				total: preview.total,
				validCount: preview.valid.length,
				invalidRows: new Set(preview.errors.map((e) => e.row)).size,
				errors: preview.errors.slice(0, 500),
				sample: preview.valid.slice(0, 20).map((v) => ({
					row: v.row,
					name: v.input.name,
					city: v.input.city,
					consent: v.input.consentContact
				}))
			};
		} catch (e) {
			if (e instanceof imp.ImportFileError) return fail(400, { fileError: e.reason, programId });
			throw e;
		}
	},
	import: async (event) => {
		const me = requirePermission(event, 'beneficiaries.manage');
		const form = await event.request.formData();
		const preview = imp.take(me.id, String(form.get('previewId') ?? ''));
		if (!preview) return fail(400, { fileError: 'import.expired' });
		const programId = programIdOf(form.get('programId'));
		const ids = imp.commit(actor(event, me), preview, programId);
		// Enrolled in the same transaction; an ended program invites the newcomers now.
		if (programId && programs.get(programId)?.status === 'ended')
			programs.enroll(actor(event, me), programId, ids);
		log('info', 'beneficiaries imported', {
			count: ids.length,
			skipped: preview.errors.length,
			programId
		});
		return { done: true, imported: ids.length, programId };
	}
};
