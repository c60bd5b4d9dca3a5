/** The beneficiary form's schema (create and edit) and its error mapping. */
import * as beneficiaries from './index';
import { checkbox, msg, oneOf, text, z } from '../validate';

const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
	z
		.string()
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(z.enum(values, { error: msg('errors.choice') }).optional());

export const beneficiarySchema = z.object({
	name: text(200),
	mobile: text(30).refine(
		(m) => !!beneficiaries.normaliseMobile(m),
		msg('beneficiaries.invalidMobile')
	),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(254, msg('errors.tooLong', { max: 254 }))
		.optional()
		.transform((v) => v || undefined)
		.pipe(z.email({ error: msg('errors.email') }).optional()),
	gender: optionalChoice(beneficiaries.GENDERS),
	ageBand: optionalChoice(beneficiaries.AGE_BANDS),
	city: z
		.string()
		.trim()
		.max(100, msg('errors.tooLong', { max: 100 }))
		.optional(),
	locale: oneOf(['ar', 'en']),
	preferredChannel: oneOf(beneficiaries.DELIVERY_CHANNELS),
	consentContact: checkbox(),
	consentIdentified: checkbox()
});

export type BeneficiaryForm = z.output<typeof beneficiarySchema>;

export function toInput(d: BeneficiaryForm): beneficiaries.BeneficiaryInput {
	return {
		...d,
		email: d.email ?? null,
		gender: d.gender ?? null,
		ageBand: d.ageBand ?? null,
		city: d.city || null
	};
}

/** Duplicate errors point at the existing record so staff can open it. */
export function duplicateErrors(e: beneficiaries.DuplicateBeneficiaryError) {
	return e.field === 'mobile'
		? { mobile: 'beneficiaries.duplicateMobile' }
		: { email: 'beneficiaries.duplicateEmail' };
}
