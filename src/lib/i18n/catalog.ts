/**
 * The two catalogs, assembled from one file per domain (messages/<domain>.ts exports
 * `ar` and `en`, the latter typed against the former so a missing key fails the build).
 * Only the signed-in app imports this; the public survey page brings its own few strings.
 */
import * as core from './messages/core';
import * as dashboard from './messages/dashboard';
import * as delivery from './messages/delivery';
import * as errors from './messages/errors';
import * as policies from './messages/policies';
import * as privacy from './messages/privacy';
import * as programs from './messages/programs';
import * as reports from './messages/reports';
import * as reach from './messages/reach';
import * as requests from './messages/requests';
import * as stakeholders from './messages/stakeholders';
import * as voices from './messages/voices';
import * as studio from './messages/studio';

const domains = [
	core,
	errors,
	programs,
	delivery,
	requests,
	reach,
	dashboard,
	reports,
	privacy,
	voices,
	policies,
	stakeholders,
	studio
] as const;

export const catalogs = {
	ar: {
		...core.ar,
		...errors.ar,
		...programs.ar,
		...delivery.ar,
		...requests.ar,
		...reach.ar,
		...dashboard.ar,
		...reports.ar,
		...privacy.ar,
		...voices.ar,
		...policies.ar,
		...stakeholders.ar,
		...studio.ar
	},
	en: {
		...core.en,
		...errors.en,
		...programs.en,
		...delivery.en,
		...requests.en,
		...reach.en,
		...dashboard.en,
		...reports.en,
		...privacy.en,
		...voices.en,
		...policies.en,
		...stakeholders.en,
		...studio.en
	}
};

/** Two domains defining the same key would silently shadow each other: the spec checks this. */
export function duplicateKeys(): string[] {
	const seen = new Set<string>();
	const dup: string[] = [];
	for (const d of domains)
		for (const k of Object.keys(d.ar)) (seen.has(k) ? dup : (seen.add(k), [])).push(k);
	return dup;
}

export type MessageKey = keyof typeof catalogs.ar;
