/**
 * The one form of an email address and of a company domain that uniqueness and dedupe compare, so
 * "Ana@Example.COM " and "ana@example.com" are one contact and "https://www.Acme.io/pricing" and
 * "acme.io" one company. Returns undefined for text that is not an address or a domain.
 */

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Trims and lower-cases the whole address. Provider-specific folding (Gmail dots, "+tags") is not
 * applied: those can be different people at other providers, and merging them is a human decision.
 */
export function normaliseEmail(text: string): string | undefined {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return undefined;
  const local = email.slice(0, email.lastIndexOf('@'));
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return email;
}

/** The domain part of a normalised email address. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * Accepts a bare domain, a URL or an email address; drops scheme, credentials, port, path, a
 * leading "www." and a trailing dot; converts international names to their ASCII (punycode) form.
 */
export function normaliseDomain(text: string): string | undefined {
  let value = text.trim().toLowerCase();
  if (!value) return undefined;
  if (value.includes('@') && !value.includes('/')) value = value.slice(value.lastIndexOf('@') + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(value)) value = `http://${value}`;
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '').replace(/^www\d*\./, '');
  const labels = host.split('.');
  if (labels.length < 2 || host.length > 253) return undefined;
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined; // an IP address, not a domain
  return host;
}

/** Lower-cased, accent-free, single-spaced name for A–Z sorting and prefix search. */
export function searchableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Blank text means "no value": a form's emptied field clears it rather than storing ''. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A record's name as stored: trimmed and single-spaced; `refuse` names the error for a blank one. */
export function requiredName(name: string, refuse: () => Error): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw refuse();
  return trimmed;
}

/**
 * A value unique across the site (an email, a domain) as stored: null when blank, else its one
 * normal form; `refuse` names the error for typed text that is not such a value.
 */
export function uniqueValue(text: string | null, normalise: (text: string) => string | undefined, refuse: (typed: string) => Error): string | null {
  if (text === null || !text.trim()) return null;
  const value = normalise(text);
  if (!value) throw refuse(text.trim());
  return value;
}
