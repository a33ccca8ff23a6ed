import { z } from 'zod';
import { ContactRecord } from './contact';
import { Id } from './common';

/** Personal data of one contact: its export (JSON, and the same flattened to CSV in the browser) and its erasure. */
export const ContactPrivacyInput = z.object({ contactId: Id }).strict();

export const ContactData = z.object({
  exportedAt: z.number(),
  contact: ContactRecord,
  /** Every timeline entry of the contact: activities and the audit trail of its fields. */
  timeline: z.array(z.record(z.string(), z.unknown())),
  /** The deals that name the contact. */
  deals: z.array(z.record(z.string(), z.unknown())),
  /** Issues of those deals where what Relay wrote names the contact. */
  issues: z.array(z.object({ issueKey: z.string(), description: z.unknown(), property: z.unknown() })),
});

export const ErasureQueued = z.object({ contactId: Id, queued: z.boolean() });

/** The admin page finds the person by email (admins need not see the CRM's projects). */
export const FindPersonInput = z.object({ email: z.string().trim().min(3).max(254) }).strict();
export const FoundPerson = z.object({ contactId: Id, name: z.string(), email: z.string().nullable() });
