import type { SessionUser, Session } from '$lib/server/auth';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
		interface PageData {
			locale?: Locale;
		}
	}
}

export {};
