/** The policy and clause forms' schemas, shared by the create and edit routes. */
import { z } from 'zod';
import { INDICATOR_KEYS } from '../db/schema/reports';
import { checkbox, msg, optionalText, text } from '../validate';
import { isIsoDate, toLatinDigits } from '../../dates';

const date = () =>
	z
		.string({ error: msg('errors.required') })
		.transform((v) => toLatinDigits(v.trim()))
		.pipe(z.string().min(1, msg('errors.required')).refine(isIsoDate, msg('errors.date')));

export const PolicyForm = z
	.object({
		titleAr: text(200),
		titleEn: optionalText(200).transform((v) => v ?? ''),
		version: text(40),
		approvedBy: optionalText(200).transform((v) => v ?? ''),
		boardMeeting: optionalText(60).transform((v) => v ?? ''),
		approvedOn: date(),
		nextReviewOn: date(),
		published: checkbox()
	})
	.superRefine((v, ctx) => {
		if (v.nextReviewOn <= v.approvedOn)
			ctx.addIssue({
				code: 'custom',
				path: ['nextReviewOn'],
				message: msg('policies.err.reviewAfterApproval')
			});
	});

export type PolicyFormData = z.output<typeof PolicyForm>;

export const ClauseForm = z.object({
	ref: optionalText(20).transform((v) => v ?? ''),
	textAr: text(1000),
	textEn: optionalText(1000).transform((v) => v ?? ''),
	indicator: z.enum(INDICATOR_KEYS, { error: msg('errors.choice') })
});
