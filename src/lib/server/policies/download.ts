/** A policy file as a download response (the name in RFC 6266/5987 form, never sniffed). */
export function attachment(
	f: { name: string; type: string; data: Buffer | Uint8Array },
	cacheControl: string
): Response {
	const ascii = f.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(f.data), {
		headers: {
			'content-type': f.type,
			'content-length': String(f.data.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': cacheControl
		}
	});
}
