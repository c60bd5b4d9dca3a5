/** A survey offered in a program's, campaign's or request type's form (surveyChoices() on the server). */
import { currentLocale, t } from '$lib/i18n';

export type SurveyChoice = { id: string; name: { ar: string; en: string }; archived?: true };

/** The choices as <Select> options; an archived one (still in use here) says so. */
export const surveyOptions = (surveys: SurveyChoice[]) =>
	surveys.map((s) => {
		const name = s.name[currentLocale()];
		return { value: s.id, label: s.archived ? t('programs.surveyArchived', { name }) : name };
	});
