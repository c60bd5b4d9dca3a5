/** The improvement action form's schema (create and edit), shared by the two routes. */
import { z } from 'zod';
import { ACTION_SOURCES, ACTION_STATUSES } from '../db/schema';
import { INDICATOR_KEYS } from '../../indicators/registry';
import { keys as aspectKeys } from '../surveys/aspects';
import { isIsoDate, toLatinDigits } from '../../dates';

const msg = (k: string, p?: Record<string, string | number>) =>
	p ? `${k}?${new URLSearchParams(Object.entries(p).map(([a, b]) => [a, String(b)]))}` : k;
const optId = z
	.string()
	.optional()
	.transform((v) =>
		v && /^\d{1,9}$/.test(toLatinDigits(v.trim())) ? Number(toLatinDigits(v.trim())) : null
	);

export const ActionForm = z
	.object({
		title: z
			.string({ error: msg('errors.required') })
			.trim()
			.min(1, msg('errors.required'))
			.max(200, msg('errors.tooLong', { max: 200 })),
		description: z
			.string()
			.trim()
			.max(4000, msg('errors.tooLong', { max: 4000 }))
			.optional()
			.transform((v) => v ?? ''),
		source: z.enum(ACTION_SOURCES, { error: msg('errors.choice') }),
		aspect: z.string().optional(),
		commentId: optId,
		indicator: z.enum(INDICATOR_KEYS, { error: msg('errors.choice') }),
		programId: optId,
		ownerId: optId,
		dueDate: z
			.string({ error: msg('errors.required') })
			.transform((v) => toLatinDigits(v.trim()))
			.pipe(z.string().min(1, msg('errors.required')).refine(isIsoDate, msg('errors.date'))),
		status: z.enum(ACTION_STATUSES, { error: msg('errors.choice') }).optional(),
		published: z
			.string()
			.optional()
			.transform((v) => v === 'on'),
		publicTextAr: z
			.string()
			.trim()
			.max(500, msg('errors.tooLong', { max: 500 }))
			.optional()
			.transform((v) => v ?? ''),
		publicTextEn: z
			.string()
			.trim()
			.max(500, msg('errors.tooLong', { max: 500 }))
			.optional()
			.transform((v) => v ?? '')
	})
	.superRefine((v, ctx) => {
		if (v.source === 'aspect' && !aspectKeys().includes(v.aspect ?? ''))
			ctx.addIssue({ code: 'custom', path: ['aspect'], message: msg('errors.choice') });
		if (v.published && !v.publicTextAr)
			ctx.addIssue({
				code: 'custom',
				path: ['publicTextAr'],
				message: msg('actions.err.publicText')
			});
		if (v.source === 'program' && !v.programId)
			ctx.addIssue({ code: 'custom', path: ['programId'], message: msg('errors.required') });
	});

export type ActionFormData = z.output<typeof ActionForm>;

/** The source reference stored with the action. */
export function sourceRef(d: ActionFormData): string | null {
	if (d.source === 'aspect') return d.aspect ?? null;
	if (d.source === 'program') return d.programId ? String(d.programId) : null;
	if (d.source === 'comment') return d.commentId ? String(d.commentId) : null;
	return d.indicator;
}
