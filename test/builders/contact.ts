import type { Contact } from '../../src/domain/contact';
import { NO_CONSENT } from '../../src/domain/contact';
import { T0 } from './deal';

/** A fresh lead with an email, no company, no attribution and unknown consent. */
export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'contact-1',
    name: 'Ana Lopez',
    email: 'ana@example.com',
    phone: null,
    title: null,
    companyId: null,
    lifecycleStage: 'lead',
    attribution: null,
    consent: NO_CONSENT,
    ownerId: 'owner-1',
    leadScore: 0,
    lead: null,
    funnel: null,
    archived: false,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}

/** The payload of a contacts/create call, unique per `n` (name and email). */
export function contactInput(n: number | string, overrides: Record<string, unknown> = {}): { name: string; email: string } & Record<string, unknown> {
  return { name: `Contact ${n}`, email: `contact-${n}@example.com`, ...overrides };
}
