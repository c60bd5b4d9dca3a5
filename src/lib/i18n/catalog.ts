/**
 * The two catalogs, assembled from one file per domain (messages/<domain>.ts exports
 * `ar` and `en`, the latter typed against the former so a missing key fails the build).
 * Only the signed-in app imports this; the public survey page brings its own few strings.
 */
import * as core from './messages/core';
import * as delivery from './messages/delivery';
import * as dashboard from './messages/dashboard';
import * as reports from './messages/reports';

export const catalogs = {
	ar: { ...core.ar, ...delivery.ar, ...dashboard.ar, ...reports.ar },
	en: { ...core.en, ...delivery.en, ...dashboard.en, ...reports.en }
};

export type MessageKey = keyof typeof catalogs.ar;
