/** Demo mode seeds fictitious data; production (NODE_ENV=production, RIDA_DEMO=0) never does. */
export function isDemo(): boolean {
	if (process.env.RIDA_DEMO === '1') return true;
	if (process.env.RIDA_DEMO === '0') return false;
	return process.env.NODE_ENV !== 'production';
}

export function publicOrigin(): string {
	return (process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '');
}
