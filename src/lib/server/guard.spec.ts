/**
 * safeNext is the one check behind every redirect to a user-supplied place (sign-in `next`,
 * the language switch). Examples first, then properties over hostile strings.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeNext } from './guard';

const ORIGIN = 'http://127.0.0.1:3000';

/** What a browser does with a Location value: WHATWG URL parsing against the page's URL. */
const browserTarget = (location: string, base = ORIGIN + '/login') => new URL(location, base);

describe('safeNext', () => {
	it('keeps same-origin paths with their query and fragment', () => {
		expect(safeNext('/requests', ORIGIN)).toBe('/requests');
		expect(safeNext('/requests?status=open&page=2#list', ORIGIN)).toBe(
			'/requests?status=open&page=2#list'
		);
		expect(safeNext('/programs/3/responses', ORIGIN)).toBe('/programs/3/responses');
	});

	it('percent-encodes what a header cannot carry (Arabic in a query)', () => {
		const r = safeNext('/beneficiaries?q=محمد', ORIGIN);
		expect(r).toBe('/beneficiaries?q=%D9%85%D8%AD%D9%85%D8%AF');
	});

	it.each([
		// A tab (or newline) is stripped by browsers: "/\t/evil.example" becomes "//evil.example".
		['/\t/evil.example'],
		['/\n/evil.example'],
		['/\r/evil.example'],
		['\t//evil.example'],
		['/\u0000/evil.example'],
		['/\u007f/evil.example'],
		['//evil.example'],
		['///evil.example'],
		['/\\evil.example'],
		['\\/evil.example'],
		['/\\/evil.example'],
		// Dot segments that normalise to "//evil.example".
		['/.//evil.example'],
		['/%2e//evil.example'],
		['/..//evil.example'],
		['https://evil.example/'],
		['http://127.0.0.1:3000.evil.example/'],
		['javascript:alert(1)'],
		['evil.example'],
		[' /x'],
		[''],
		[null],
		[undefined]
	])('refuses %j', (next) => {
		expect(safeNext(next as string | null | undefined, ORIGIN)).toBeNull();
	});

	it('property: anything it returns stays on the origin, in a browser too', () => {
		// Strings built from the characters open-redirect tricks are made of.
		const piece = fc.constantFrom(
			'/',
			'//',
			'\\',
			'\t',
			'\n',
			'\r',
			' ',
			'\u0000',
			'\u001f',
			'\u007f',
			'\u00a0',
			'\u2028',
			'\u3000',
			'.',
			'..',
			'%2e',
			'%2f',
			'%5c',
			'%09',
			'@',
			':',
			'?',
			'#',
			'evil.example',
			'127.0.0.1:3000',
			'http:',
			'https:',
			'javascript:',
			'a',
			'محمد'
		);
		const hostile = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
		fc.assert(
			fc.property(fc.oneof(hostile, fc.string(), fc.string({ unit: 'grapheme' })), (next) => {
				const r = safeNext(next, ORIGIN);
				if (r === null) return;
				expect(r.startsWith('/')).toBe(true);
				expect(r[1]).not.toBe('/');
				// Printable ASCII only: nothing a browser strips or rewrites, nothing a header refuses.
				expect(r).toMatch(/^[\x21-\x7e]+$/);
				expect(r).not.toContain('\\');
				expect(browserTarget(r).origin).toBe(ORIGIN);
				// A relative reference: it cannot name a host whatever page it is resolved against.
				expect(browserTarget(r, 'https://other.example/x/y').origin).toBe('https://other.example');
			}),
			{ numRuns: 3000 }
		);
	});

	it('property: ordinary app paths come back unchanged', () => {
		const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
		const query = fc.stringMatching(/^[a-z]{1,6}=[a-z0-9]{0,6}$/);
		fc.assert(
			fc.property(
				fc.array(segment, { minLength: 1, maxLength: 5 }),
				fc.option(query),
				(segments, q) => {
					const path = '/' + segments.join('/') + (q ? '?' + q : '');
					expect(safeNext(path, ORIGIN)).toBe(path);
				}
			)
		);
	});
});
