// Survey engine: import as `import * as surveys from '$lib/server/surveys'` in routes, or
// relatively from scripts.
export {
	parseDefinition,
	loadDefinitions,
	contentHash,
	supportedTypes,
	type SurveyDefinition,
	type Indicators,
	type QuestionInfo
} from './definition';
export {
	renderPage,
	submitPage,
	previewPage,
	validateAll,
	firstErrorPage,
	cleanAnswers,
	score,
	ui,
	formUi,
	normaliseDigits,
	type Answers,
	type FormLike,
	type SubmitResult,
	type SubmitOptions,
	type RenderOptions,
	type Score,
	type PageView,
	type QuestionView,
	type SurveyLocale,
	type SurveyUi,
	type FormUi
} from './engine';
