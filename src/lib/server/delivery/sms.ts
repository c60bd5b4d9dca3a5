/**
 * SMS through an HTTP gateway configured by SMS_GATEWAY_URL, SMS_API_KEY, SMS_SENDER.
 *
 * Request (documented for whoever runs the gateway):
 *   POST $SMS_GATEWAY_URL
 *   Authorization: Bearer $SMS_API_KEY
 *   Content-Type: application/json
 *   Idempotency-Key: <key>            (the same key on every retry of one message)
 *   {"to": "+9665XXXXXXXX", "from": "$SMS_SENDER", "text": "…", "reference": "<key>"}
 * Responses: 2xx {"id": "<provider id>"} = accepted; 429 (Retry-After honoured) and 5xx or a
 * network error = try again later; any other 4xx = permanent failure, its body is the reason.
 */
import { config } from '../config';

export type SendResult =
	| { ok: true; providerId: string | null }
	| { ok: false; retry: boolean; error: string; retryAfterMs?: number };

export type SmsConfig = { url: string; apiKey: string; sender: string; timeoutMs?: number };

export function smsConfig(): SmsConfig | null {
	const sms = config().sms;
	return sms ? { ...sms, timeoutMs: 10_000 } : null;
}

export async function sendSms(
	cfg: SmsConfig,
	msg: { to: string; text: string; idempotencyKey: string }
): Promise<SendResult> {
	let res: Response;
	try {
		res = await fetch(cfg.url, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${cfg.apiKey}`,
				'content-type': 'application/json',
				'idempotency-key': msg.idempotencyKey
			},
			body: JSON.stringify({
				to: msg.to,
				from: cfg.sender,
				text: msg.text,
				reference: msg.idempotencyKey
			}),
			signal: AbortSignal.timeout(cfg.timeoutMs ?? 10_000)
		});
	} catch (e) {
		return {
			ok: false,
			retry: true,
			error: 'network: ' + (e instanceof Error ? e.message : String(e)).slice(0, 200)
		};
	}
	const body = await res.text().catch(() => '');
	if (res.ok) {
		let id: string | null = null;
		try {
			id = (JSON.parse(body) as { id?: unknown }).id?.toString() ?? null;
		} catch {
			/* a gateway that answers without JSON is still a success */
		}
		return { ok: true, providerId: id };
	}
	const reason = `HTTP ${res.status}${body ? ': ' + body.slice(0, 300) : ''}`;
	if (res.status === 429) {
		const ra = Number(res.headers.get('retry-after'));
		return {
			ok: false,
			retry: true,
			error: reason,
			retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : 60_000
		};
	}
	if (res.status >= 500) return { ok: false, retry: true, error: reason };
	return { ok: false, retry: false, error: reason };
}
