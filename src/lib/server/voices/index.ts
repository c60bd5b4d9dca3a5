/**
 * Every voice heard: the free-text answers of every survey version, searchable with Arabic
 * normalisation and tagged with the association's themes (see README "What people say").
 */
export { normalise } from './normalize';
export { recordAnswers, recordPending, blankAnswers, bandOf, type Band } from './record';
export {
	ensureThemes,
	listThemes,
	getTheme,
	createTheme,
	updateTheme,
	retagTheme,
	setTag,
	type Theme,
	type ThemeInput
} from './themes';
export {
	search,
	parseVoiceQuery,
	questions,
	summary,
	trend,
	byProgram,
	representative,
	BANDS,
	PAGE_SIZE,
	type VoiceQuery,
	type VoiceRow,
	type ThemeSummary,
	type ThemeFigure
} from './query';
