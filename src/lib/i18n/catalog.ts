/**
 * The two catalogs, assembled from one file per domain (messages/<domain>.ts exports
 * `ar` and `en`, the latter typed against the former so a missing key fails the build).
 * Only the signed-in app imports this; the public survey page brings its own few strings.
 */
import * as core from './messages/core';
import * as delivery from './messages/delivery';
import * as errors from './messages/errors';
import * as programs from './messages/programs';
import * as requests from './messages/requests';

export const catalogs = {
	ar: { ...core.ar, ...errors.ar, ...programs.ar, ...delivery.ar, ...requests.ar },
	en: { ...core.en, ...errors.en, ...programs.en, ...delivery.en, ...requests.en }
};

export type MessageKey = keyof typeof catalogs.ar;
