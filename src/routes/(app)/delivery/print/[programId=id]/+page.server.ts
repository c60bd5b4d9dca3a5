import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as delivery from '$lib/server/delivery';
import { getDb } from '$lib/server/db';
import { program } from '$lib/server/db/schema';
import { requirePermission, clientIp } from '$lib/server/guard';
import * as audit from '$lib/server/audit';
import * as settings from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

function findProgram(idParam: string) {
	const id = Number(idParam);
	const p = Number.isInteger(id)
		? getDb()
				.select({ id: program.id, nameAr: program.nameAr, nameEn: program.nameEn })
				.from(program)
				.where(eq(program.id, id))
				.get()
		: undefined;
	if (!p) error(404, 'errors.notFound');
	return p;
}

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'invitations.send');
	requirePermission(event, 'beneficiaries.read'); // the sheet prints names
	const p = findProgram(event.params.programId);
	const s = settings.get();
	return { program: p, association: { nameAr: s.nameAr, nameEn: s.nameEn } };
};

/** Generating the sheet creates fresh links, so it is a POST; the result is the printable page. */
export const actions: Actions = {
	default: async (event) => {
		const me = requirePermission(event, 'invitations.send');
		requirePermission(event, 'beneficiaries.read');
		const p = findProgram(event.params.programId);
		delivery.queuePrintForProgram(p.id);
		const items = await delivery.printSheet(p.id);
		audit.record({
			actorId: me.id,
			action: 'delivery.printSheet',
			targetType: 'program',
			targetId: p.id,
			details: { count: items.length },
			ip: clientIp(event)
		});
		return { items };
	}
};
