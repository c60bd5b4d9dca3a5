// Every form control gives the server's value as a default (`defaultValue`, `defaultChecked`),
// never as a one-way `value={…}` or `checked={…}`, nor as a textarea's content from an
// expression. Svelte sets those properties when it hydrates the page, and so writes over what
// a person typed, ticked or picked while the JavaScript was still on its way (a slow phone, a
// weak network): the text is gone, the box unticked, and a required field left empty blocks
// the submit without a word. A default is what the page had before the person changed it, so
// hydration leaves their change alone. tests/e2e/prehydration.test.ts checks it in Chromium.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type AST } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const src = join(__dirname, '..', 'src');

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? svelteFiles(p) : f.endsWith('.svelte') ? [p] : [];
	});
}

type Attr = AST.RegularElement['attributes'][number];
const named = (attrs: Attr[], name: string) =>
	attrs.find((a): a is AST.Attribute => a.type === 'Attribute' && a.name === name);
/** An attribute given by an expression (`value={x}`, `value="a{x}"`), not plain text. */
const dynamic = (a: AST.Attribute | undefined) =>
	!!a &&
	a.value !== true &&
	(Array.isArray(a.value) ? a.value : [a.value]).some((v) => v.type === 'ExpressionTag');
const staticType = (attrs: Attr[]) => {
	const t = named(attrs, 'type');
	if (!t) return 'text';
	if (t.value === true || !Array.isArray(t.value) || t.value.some((v) => v.type !== 'Text'))
		return null; // computed: judged by its value attribute alone
	return t.value.map((v) => (v as AST.Text).data).join('');
};

/** The controls in one file that hydration would write over, as "line: what". */
function overwritten(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const ast = parse(text, { modern: true });
	const out: string[] = [];
	const line = (n: { start: number }) => text.slice(0, n.start).split('\n').length;
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const el = node as AST.RegularElement;
		if (el.type === 'RegularElement') {
			const attrs = el.attributes;
			const bound = attrs.some((a) => a.type === 'BindDirective');
			if (el.name === 'input' && !bound) {
				const type = staticType(attrs);
				if (type === 'checkbox' || type === 'radio') {
					if (dynamic(named(attrs, 'checked')))
						out.push(`${line(el)}: <input type=${type} checked={…}>`);
				} else if (
					type !== 'hidden' &&
					type !== 'submit' &&
					type !== 'button' &&
					dynamic(named(attrs, 'value'))
				)
					out.push(`${line(el)}: <input${type ? ` type=${type}` : ''} value={…}>`);
			}
			if (el.name === 'textarea' && !bound) {
				if (
					dynamic(named(attrs, 'value')) ||
					el.fragment.nodes.some((n) => n.type === 'ExpressionTag')
				)
					out.push(`${line(el)}: <textarea>{…}</textarea>`);
			}
		}
		for (const [k, v] of Object.entries(node))
			if (k !== 'parent' && typeof v === 'object') visit(v);
	};
	visit(ast.fragment);
	return out;
}

describe('form controls keep what was entered before hydration', () => {
	const files = svelteFiles(src);
	it('reads the components', () => expect(files.length).toBeGreaterThan(50));
	it('no control sets its value or checked state from an expression', () => {
		const found = files.flatMap((f) => overwritten(f).map((o) => `${relative(src, f)}:${o}`));
		expect(found).toEqual([]);
	});
});
