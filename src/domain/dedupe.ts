import type { Company } from './company';
import type { Contact } from './contact';
import { emailDomain, searchableName } from './normalise';
import { MAX_TOUCHES, type LeadInfo } from './lead';

/**
 * Likely duplicates, for a person to review (never merged automatically). Emails and domains are
 * unique once normalised (normalise.ts), so "the same email" here means the same mailbox written
 * two ways that normalisation deliberately keeps apart: a "+tag", or dots in a Gmail address.
 * Names are compared folded (case, accents, punctuation, company legal suffixes) and by edit
 * distance, so "Jon Smith" / "John Smith" at one company and "Acme Inc." / "ACME" pair up. Pure.
 */
export type DuplicateReason = 'same-email' | 'similar-name' | 'same-domain' | 'same-name';

export interface DuplicatePair<T> {
  a: T;
  b: T;
  reasons: DuplicateReason[];
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** The mailbox an address reaches: "Ana.Lopez+crm@gmail.com" and "analopez@googlemail.com" are one. */
export function mailboxKey(email: string): string {
  const domain = emailDomain(email);
  let local = email.slice(0, email.lastIndexOf('@')).split('+')[0] ?? '';
  if (GMAIL.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${GMAIL.has(domain) ? 'gmail.com' : domain}`;
}

const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'plc', 'corp', 'corporation', 'co', 'company', 'srl', 'spa', 'oy', 'ab', 'as', 'pty', 'kk', 'the']);

/** A person's name folded for comparison: accents, case and punctuation gone, words sorted ("Smith, John" = "John Smith"). */
export function personKey(name: string): string {
  return words(name).sort().join(' ');
}

/** A company's name folded, without legal suffixes: "The ACME Co., Inc." → "acme". */
export function companyKey(name: string): string {
  const kept = words(name).filter((w) => !LEGAL_SUFFIXES.has(w));
  return (kept.length > 0 ? kept : words(name)).join(' ');
}

function words(name: string): string[] {
  return searchableName(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** Levenshtein distance, stopping once it exceeds `max` (names are short; this stays cheap). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Similar: equal once folded, or one typo per six characters (at most 2), on names of 4+ characters. */
export function similarNames(a: string, b: string): boolean {
  if (a === b) return a.length > 0;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  const allowed = Math.min(2, Math.floor(shorter / 6) + 1);
  return editDistance(a, b, allowed) <= allowed;
}

function addPair<T extends { id: string }>(pairs: Map<string, DuplicatePair<T>>, a: T, b: T, reason: DuplicateReason): void {
  const [first, second] = a.id < b.id ? [a, b] : [b, a];
  const key = `${first.id}|${second.id}`;
  const pair = pairs.get(key) ?? { a: first, b: second, reasons: [] };
  if (!pair.reasons.includes(reason)) pair.reasons.push(reason);
  pairs.set(key, pair);
}

function groups<T>(items: readonly T[], key: (item: T) => string | null): T[][] {
  const by = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) by.set(k, [...(by.get(k) ?? []), item]);
  }
  return [...by.values()].filter((g) => g.length > 1);
}

function pairsWithin<T extends { id: string }>(pairs: Map<string, DuplicatePair<T>>, group: readonly T[], reason: DuplicateReason, same: (a: T, b: T) => boolean = () => true): void {
  for (let i = 0; i < group.length; i += 1) for (let j = i + 1; j < group.length; j += 1) if (same(group[i]!, group[j]!)) addPair(pairs, group[i]!, group[j]!, reason);
}

/** Active contacts that are likely one person: the same mailbox, or a similar name at the same company. */
export function contactDuplicates(contacts: readonly Contact[]): DuplicatePair<Contact>[] {
  const active = contacts.filter((c) => !c.archived);
  const pairs = new Map<string, DuplicatePair<Contact>>();
  for (const group of groups(active, (c) => (c.email ? mailboxKey(c.email) : null))) pairsWithin(pairs, group, 'same-email');
  for (const group of groups(active, (c) => c.companyId)) pairsWithin(pairs, group, 'similar-name', (a, b) => similarNames(personKey(a.name), personKey(b.name)));
  return [...pairs.values()];
}

/** The part of a domain that names the organisation: "mail.acme.co.uk" → "acme". */
function domainStem(domain: string): string {
  const labels = domain.split('.');
  const secondLevel = labels.length >= 3 && ['co', 'com', 'org', 'net', 'ac', 'gov'].includes(labels[labels.length - 2]!);
  return labels[labels.length - (secondLevel ? 3 : 2)] ?? domain;
}

/** Active companies that are likely one organisation: the same domain stem and a similar name, or a similar name. */
export function companyDuplicates(companies: readonly Company[]): DuplicatePair<Company>[] {
  const active = companies.filter((c) => !c.archived);
  const pairs = new Map<string, DuplicatePair<Company>>();
  // The same organisation under two domains ("acme.io" and "acme.com") only counts when the names agree too: stems collide.
  for (const group of groups(active, (c) => (c.domain ? domainStem(c.domain) : null))) pairsWithin(pairs, group, 'same-domain', (a, b) => similarNames(companyKey(a.name), companyKey(b.name)));
  const sorted = [...active].sort((x, y) => (companyKey(x.name) < companyKey(y.name) ? -1 : 1));
  // Similar names sort near each other: compare each with the next few (a window keeps this linear).
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < Math.min(sorted.length, i + 6); j += 1) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (similarNames(companyKey(a.name), companyKey(b.name))) addPair(pairs, a, b, companyKey(a.name) === companyKey(b.name) ? 'same-name' : 'similar-name');
    }
  }
  return [...pairs.values()];
}

/** The fields a person chooses between when merging (the rest follow rules: first touch, earliest creation). */
export const CONTACT_MERGE_FIELDS = ['name', 'email', 'phone', 'title', 'companyId', 'lifecycleStage', 'consent', 'ownerId', 'leadScore'] as const;
export const COMPANY_MERGE_FIELDS = ['name', 'domain', 'industry', 'segment', 'region', 'ownerId', 'lifecycle'] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];
/** Per field, which record's value the survivor keeps; a field not chosen keeps the survivor's, or the other's when the survivor's is empty. */
export type MergePicks<F extends string> = Partial<Record<F, 'survivor' | 'other'>>;

function picked<T, F extends keyof T & string>(survivor: T, other: T, fields: readonly F[], picks: MergePicks<F>): Pick<T, F> {
  const out = {} as Pick<T, F>;
  for (const field of fields) {
    const choice = picks[field] ?? (survivor[field] === null && other[field] !== null ? 'other' : 'survivor');
    out[field] = choice === 'other' ? other[field] : survivor[field];
  }
  return out;
}

/**
 * The surviving contact: the fields chosen, the earliest first touch of the two (first touch is
 * kept forever, so the older one wins whichever record it was on), the earlier creation date.
 */
export function mergedContact(survivor: Contact, other: Contact, picks: MergePicks<ContactMergeField>): Contact {
  const attribution = [survivor.attribution, other.attribution].filter((a) => a !== null).sort((x, y) => x!.capturedAt - y!.capturedAt)[0] ?? null;
  return { ...survivor, ...picked(survivor, other, CONTACT_MERGE_FIELDS, picks), attribution, lead: mergedLead(survivor.lead, other.lead), createdAt: Math.min(survivor.createdAt, other.createdAt) };
}

/**
 * Both contacts' inbound-lead touches, in time order (the newest MAX_TOUCHES kept, every one
 * counted); the survivor's score, routing, task and SLA stay, since they describe its own lead.
 */
export function mergedLead(survivor: LeadInfo | null, other: LeadInfo | null): LeadInfo | null {
  if (!survivor || !other) return survivor ?? other;
  const touches = [...survivor.touches, ...other.touches].sort((a, b) => a.at - b.at).slice(-MAX_TOUCHES);
  return { ...survivor, touches, touchCount: survivor.touchCount + other.touchCount };
}

export function mergedCompany(survivor: Company, other: Company, picks: MergePicks<CompanyMergeField>): Company {
  return { ...survivor, ...picked(survivor, other, COMPANY_MERGE_FIELDS, picks), createdAt: Math.min(survivor.createdAt, other.createdAt) };
}
