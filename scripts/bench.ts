/**
 * `npm run bench [section]`: named benchmark sections (each domain adds its own entry to
 * SECTIONS). Without a section name, every section runs.
 */
const SECTIONS: Record<string, () => Promise<void>> = {
	dashboard: async () => (await import('./bench-dashboard')).run()
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(SECTIONS);
for (const name of names) {
	const run = SECTIONS[name];
	if (!run) {
		console.error(`Unknown bench section "${name}". Known: ${Object.keys(SECTIONS).join(', ')}`);
		process.exit(2);
	}
	console.log(`\n=== bench: ${name} ===`);
	await run();
}
