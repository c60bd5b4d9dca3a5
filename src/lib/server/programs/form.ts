/** The program form's schema, shared by create and edit. */
import { KINDS, type ProgramInput } from './index';
import { isSurveyChoice } from '../surveys/versions';
import { isIsoDate, toLatinDigits } from '../../dates';
import { msg, oneOf, optionalText, text, z } from '../validate';

const date = z
	.string({ error: msg('errors.required') })
	.trim()
	.transform(toLatinDigits)
	.refine(isIsoDate, msg('errors.date'));

/** `keep`: the program's survey now, accepted even when archived since (surveyChoices). */
export const programSchemaFor = (keep?: string | null) =>
	z
		.object({
			nameAr: text(200),
			nameEn: text(200),
			description: optionalText(4000),
			kind: oneOf(KINDS),
			startDate: date,
			endDate: date,
			surveyId: z.string().refine((s) => isSurveyChoice(s, keep), msg('programs.unknownSurvey')),
			responsibleUserId: z
				.string()
				.optional()
				.transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null))
		})
		.refine((v) => v.endDate >= v.startDate, {
			message: msg('programs.endBeforeStart'),
			path: ['endDate']
		})
		.transform((v): ProgramInput => ({ ...v, description: v.description ?? '' }));

export const programSchema = programSchemaFor();
