import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Off because it refuses the cross-origin text/plain beacons of reach.js (and adapter-node
		// drops bodies sent without a content type); the same check, minus /api/collect, runs
		// first in hooks.server.ts (`csrf`) and is tested in e2e.
		csrf: { checkOrigin: false },
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
