import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Routes are resolved on the server: the client does not ship the manifest of every
		// staff route (and its chunk lists) to the beneficiary's light survey page. Staff
		// navigation asks the server once per unvisited path (hidden by link preloading).
		router: { resolution: 'server' },
		// SvelteKit's own origin check is off ('*' trusts every origin: the documented way since
		// `checkOrigin` was deprecated) because it refuses the cross-origin text/plain beacons of
		// reach.js (and adapter-node drops bodies sent without a content type). The same check,
		// minus /api/collect, runs first in hooks.server.ts (`csrf`, via lib/server/origin.ts,
		// which also copes with no ORIGIN set) and is tested in e2e.
		csrf: { trustedOrigins: ['*'] },
		// Nonces for scripts on every page; styles inline (Svelte and ECharts set style attributes).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'frame-ancestors': ['none'],
				// wa.me: the WhatsApp click-to-send action redirects there after its POST.
				'form-action': ['self', 'https://wa.me']
			}
		}
	}
};

export default config;
