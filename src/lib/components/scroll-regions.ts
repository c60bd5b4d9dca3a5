/**
 * Keyboard access to wide tables. A `.table-wrap` that scrolls sideways (a wide table on a
 * phone) must be reachable by keyboard to be scrolled (WCAG 2.1.1; axe
 * `scrollable-region-focusable`): while it overflows it becomes a named, focusable group (not
 * a landmark region: its section often carries the same name already);
 * when it fits again it stops being a tab stop. Applied once to the app's <main>, so every
 * table present or added later is covered.
 */
const SELECTOR = '.table-wrap';

function nameOf(el: HTMLElement): string {
	const caption = el.querySelector('caption')?.textContent?.trim();
	if (caption) return caption;
	const box = el.closest('section, .card, article');
	const heading = box?.querySelector('h2, h3')?.textContent?.trim();
	if (heading) return heading;
	return document.querySelector('main h1')?.textContent?.trim() ?? '';
}

function update(el: HTMLElement) {
	const scrolls = el.scrollWidth > el.clientWidth + 1;
	if (scrolls && el.tabIndex !== 0) {
		el.tabIndex = 0;
		el.setAttribute('role', 'group');
		const name = nameOf(el);
		if (name) el.setAttribute('aria-label', name);
		el.dataset.scrolls = '1';
	} else if (!scrolls && el.dataset.scrolls) {
		el.removeAttribute('tabindex');
		el.removeAttribute('role');
		el.removeAttribute('aria-label');
		delete el.dataset.scrolls;
	}
}

export function scrollRegions(root: HTMLElement) {
	const resize = new ResizeObserver((entries) => {
		for (const e of entries) {
			const el = (e.target as HTMLElement).closest<HTMLElement>(SELECTOR);
			if (el) update(el);
		}
	});
	const watched = new Set<Element>();
	const scan = () => {
		for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
			if (watched.has(el)) continue;
			watched.add(el);
			resize.observe(el);
			// The table inside can grow without the wrapper changing size.
			const table = el.firstElementChild;
			if (table) resize.observe(table);
			update(el);
		}
		for (const el of watched) {
			if (el.isConnected) continue;
			watched.delete(el);
			resize.unobserve(el);
		}
	};
	const mutations = new MutationObserver(scan);
	mutations.observe(root, { childList: true, subtree: true });
	scan();
	return {
		destroy() {
			mutations.disconnect();
			resize.disconnect();
		}
	};
}
