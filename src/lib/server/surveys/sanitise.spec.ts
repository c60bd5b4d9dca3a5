import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition';
import { renderPage, sanitiseHtml } from './engine';

// What an attacker (or a careless copy-paste into a survey file) could put in an html
// question. Each must come out with nothing that runs, loads or navigates to script.
const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'<img/onerror=alert(1) src=x>',
	'<img src="x" onerror="alert(1)"//',
	'<a href="java&#x73;cript:alert(1)">x</a>',
	'<a href="&#106;avascript:alert(1)">x</a>',
	'<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
	'<a href="jav&#x09;ascript:alert(1)">x</a>',
	'<a href="jav\tascript:alert(1)">x</a>',
	'<a href="  JaVaScRiPt:alert(1)">x</a>',
	'<a href="vbscript:msgbox(1)">x</a>',
	'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
	'<a href=javascript&colon;alert(1)>x</a>',
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<scr<script>ipt>alert(1)</script>',
	'<script>alert(1)</script>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="javascript:alert(1)">',
	'<form action="javascript:alert(1)"><button>go</button></form>',
	'<button formaction="javascript:alert(1)">go</button>',
	'<input autofocus onfocus=alert(1)>',
	'<details open ontoggle=alert(1)>x</details>',
	'<p onclick ="alert(1)">x</p>',
	'<p\nonmouseover=alert(1)>x</p>',
	'<div style="background:url(javascript:alert(1))">x</div>',
	'<style>@import "https://evil.example/x.css";</style>',
	'<link rel=stylesheet href="https://evil.example/x.css">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<base href="https://evil.example/">',
	'<img src="https://tracker.example/pixel.gif">',
	'<!--<img src="--><img src=x onerror=alert(1)//">',
	'<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
	'<a href="//evil.example/">x</a>'
];

/** Entities decoded the way a browser reads an attribute value (enough for the checks below). */
const decode = (s: string) =>
	s
		.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&colon;/gi, ':')
		.replace(/&tab;/gi, '\t')
		.replace(/&newline;/gi, '\n');

function assertInert(out: string) {
	// eslint-disable-next-line no-control-regex -- browsers ignore control characters in URLs
	const flat = decode(out).replace(/[\s\u0000-\u001f]+/g, '');
	// No element that runs, embeds, loads or submits.
	expect(out).not.toMatch(
		/<\s*\/?\s*(script|style|iframe|object|embed|svg|math|form|button|input|img|link|meta|base|noscript|details)\b/i
	);
	// No event handler attribute on any tag.
	expect(out).not.toMatch(/<[^>]*[\s/"']on[a-z]+\s*=/i);
	// No script-capable URL anywhere, however it is spelt.
	expect(flat).not.toMatch(/javascript:|vbscript:|data:text/i);
	// No protocol-relative or foreign resource.
	expect(out).not.toMatch(/evil\.example|tracker\.example/);
}

describe('sanitiseHtml (html questions go through {@html})', () => {
	for (const sample of HOSTILE) {
		it(`makes inert: ${sample.slice(0, 60)}`, () => {
			assertInert(sanitiseHtml(sample));
		});
	}

	it('keeps the formatting a survey introduction needs', () => {
		const out = sanitiseHtml(
			'<h3>مرحبًا</h3><p><strong>شكرًا</strong> لمشاركتك، <em>دقيقتان</em> فقط.</p><ul><li>أ</li><li>ب</li></ul><p><a href="https://charity.example/privacy">الخصوصية</a> · <a href="mailto:info@charity.example">راسلنا</a> · <a href="tel:+966500000000">اتصل</a></p>'
		);
		expect(out).toContain('<h3>مرحبًا</h3>');
		expect(out).toContain('<strong>شكرًا</strong>');
		expect(out).toContain('<em>دقيقتان</em>');
		expect(out).toContain('<ul><li>أ</li><li>ب</li></ul>');
		expect(out).toMatch(/<a href="https:\/\/charity\.example\/privacy"[^>]*>الخصوصية<\/a>/);
		expect(out).toContain('href="mailto:info@charity.example"');
		expect(out).toContain('href="tel:+966500000000"');
	});

	it('links open without giving the new page a handle on the survey', () => {
		const out = sanitiseHtml('<a href="https://charity.example/" target="_blank">x</a>');
		expect(out).toMatch(/rel="noopener noreferrer"/);
	});

	it('an answer inserted into an html question by a {placeholder} cannot inject markup', () => {
		const def = parseDefinition(
			{
				id: 'echo',
				name: 'echo',
				indicators: { csat: 'overall' },
				survey: {
					pages: [
						{
							name: 'a',
							elements: [
								{ type: 'rating', name: 'overall', rateMin: 1, rateMax: 5 },
								{ type: 'text', name: 'nick' },
								{ type: 'html', name: 'echo', html: '<p>أهلًا {nick}</p>' }
							]
						}
					]
				}
			},
			'echo.json'
		);
		const v = renderPage(def, {
			locale: 'ar',
			data: { nick: '<img src=x onerror=alert(1)><a href="java&#x73;cript:alert(1)">x</a>' }
		});
		const html = v.questions.find((q) => q.type === 'html');
		expect(html?.type).toBe('html');
		assertInert((html as { html: string }).html);
	});
});
