import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Off because it refuses the cross-origin text/plain beacons of reach.js; the same check,
		// minus /api/collect, runs first in hooks.server.ts (`csrf`).
		csrf: { checkOrigin: false }
	}
};

export default config;
