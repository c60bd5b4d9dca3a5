/** The campaign form's schema. */
import { SCHEDULES, type CampaignInput } from './index';
import { surveyChoices } from '../surveys/versions';
import { isIsoDate, toLatinDigits } from '../../dates';
import { checkbox, msg, oneOf, text, z } from '../validate';

const list = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : []));
const optionalId = z
	.string()
	.optional()
	.transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null));
const optionalKey = z
	.string()
	.optional()
	.transform((v) => v?.trim() || null);

export const campaignSchema = z
	.object({
		nameAr: text(200),
		nameEn: text(200),
		surveyId: z
			.string()
			.refine((s) => surveyChoices().some((c) => c.id === s), msg('campaigns.err.survey')),
		audienceSegments: list,
		audienceProgramId: optionalId,
		audienceList: checkbox(),
		personalLinks: checkbox(),
		reminders: checkbox(),
		openLink: checkbox(),
		openSegment: optionalKey,
		respondentQuestion: optionalKey,
		schedule: oneOf(SCHEDULES),
		calendar: oneOf(['gregorian', 'hijri'] as const),
		startDate: z
			.string({ error: msg('errors.required') })
			.trim()
			.transform(toLatinDigits)
			.refine(isIsoDate, msg('errors.date'))
	})
	.transform((v): CampaignInput => v);
