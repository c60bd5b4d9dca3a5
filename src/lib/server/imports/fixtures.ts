/**
 * For specs: hand-built ZIP/XLSX files, including hostile ones (many empty rows, sizes that
 * lie). No dependency: local headers, central directory and end record written by hand.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipEntry = {
	name: string;
	data: Uint8Array | string;
	/** Sizes written into the headers instead of the true one (a lying archive). */
	claimSize?: number;
};

export function zip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
		const packed = deflateRawSync(raw);
		const name = Buffer.from(e.name, 'utf8');
		const size = e.claimSize ?? raw.length;
		const crc = crc32(raw);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, packed);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += 30 + name.length + packed.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}

const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a one-sheet workbook around the given sheet XML (inline strings only). */
export function xlsxParts(sheetXml: string, claimSheetSize?: number): ZipEntry[] {
	return [
		{
			name: '[Content_Types].xml',
			data:
				xml +
				'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
				'</Types>'
		},
		{
			name: '_rels/.rels',
			data:
				xml +
				`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		},
		{
			name: 'xl/workbook.xml',
			data:
				xml +
				`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data:
				xml +
				`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
		},
		{ name: 'xl/worksheets/sheet1.xml', data: sheetXml, claimSize: claimSheetSize }
	];
}

const inline = (ref: string, v: string) =>
	`<c r="${ref}" t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;

/**
 * A sheet whose first rows hold `rows` (strings), followed by `emptyRows` rows without cells
 * and without numbers (all alike, so they pack about 1000:1) — the shape of the 429 KB file of
 * 3 M empty rows that froze the server.
 */
export function sheetXml(rows: string[][], emptyRows = 0): string {
	const parts: string[] = [xml, `<worksheet xmlns="${MAIN}"><sheetData>`];
	rows.forEach((cells, i) => {
		const r = i + 1;
		parts.push(
			`<row r="${r}">`,
			...cells.map((v, c) => inline(String.fromCharCode(65 + c) + r, v)),
			'</row>'
		);
	});
	if (emptyRows) parts.push('<row ht="15" customHeight="1"/>'.repeat(emptyRows));
	parts.push('</sheetData></worksheet>');
	return parts.join('');
}

export function xlsx(rows: string[][], opts: { emptyRows?: number; claimSize?: number } = {}) {
	return zip(xlsxParts(sheetXml(rows, opts.emptyRows ?? 0), opts.claimSize));
}

/** Windows-1256 ("ANSI" on Arabic Windows) bytes of a text; every character must exist there. */
export function windows1256(text: string): Buffer {
	const dec = new TextDecoder('windows-1256');
	const table = new Map<string, number>();
	for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
	return Buffer.from(
		[...text].map((ch) => {
			const b = table.get(ch);
			if (b === undefined) throw new Error(`not in windows-1256: ${ch}`);
			return b;
		})
	);
}
