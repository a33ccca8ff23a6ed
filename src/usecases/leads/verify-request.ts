import { leadSecretStore } from '../../ports/registry';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundOutcome } from '../../contracts/lead';
import { MAX_LEAD_BODY_BYTES, SIGNATURE_HEADER, TIMESTAMP_HEADER, TIMESTAMP_WINDOW_SECONDS } from '../../contracts/lead';

/** The web trigger request as Forge passes it (header names lower-cased, values as arrays). */
export interface WebTriggerRequest {
  method?: unknown;
  headers?: unknown;
  body?: unknown;
}

export type Verified = { ok: true; body: string; digest: string } | { ok: false; outcome: InboundOutcome };

function header(request: WebTriggerRequest, name: string): string | undefined {
  const headers = request.headers && typeof request.headers === 'object' ? (request.headers as Record<string, unknown>) : {};
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** `v1=<hex>` entries of the signature header (several when a sender signs with two secrets during a rotation). */
function signaturesOf(text: string): Buffer[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-fA-F]{64}$/.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
}

/** The signature a sender computes: hex HMAC-SHA256 of `<timestamp>.<body>` with the shared secret. */
export function signLead(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * Checks a request before anything else runs: POST, at most 64 KB, a timestamp within 5 minutes of
 * now and a signature made with the current secret (or the previous one during its grace period).
 * The cheap checks come first, so a flood of unsigned requests costs no storage. Answers the
 * outcome to refuse with, or the body and the digest its replay record is keyed by.
 */
export async function verifyLeadRequest(request: WebTriggerRequest, now: number): Promise<Verified> {
  if (String(request.method ?? '').toUpperCase() !== 'POST') return { ok: false, outcome: 'method-not-allowed' };
  const body = typeof request.body === 'string' ? request.body : '';
  if (Buffer.byteLength(body, 'utf8') > MAX_LEAD_BODY_BYTES) return { ok: false, outcome: 'too-large' };
  const signatureText = header(request, SIGNATURE_HEADER);
  if (!signatureText || signatureText.trim() === '') return { ok: false, outcome: 'signature-missing' };
  const timestamp = header(request, TIMESTAMP_HEADER)?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, outcome: 'timestamp-invalid' };
  if (Math.abs(now / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) return { ok: false, outcome: 'timestamp-outside-window' };

  const secrets = await leadSecretStore.readSigningSecrets();
  if (!secrets) return { ok: false, outcome: 'not-configured' };
  const usable = [secrets.current.value, ...(secrets.previous && secrets.previous.expiresAt > now ? [secrets.previous.value] : [])];
  const given = signaturesOf(signatureText);
  const matched = given.find((signature) => usable.some((secret) => timingSafeEqual(signature, Buffer.from(signLead(secret, timestamp, body), 'hex'))));
  if (!matched) return { ok: false, outcome: 'signature-invalid' };
  return { ok: true, body, digest: createHash('sha256').update(matched).digest('hex').slice(0, 48) };
}
