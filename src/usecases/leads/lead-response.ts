import { activityStore, contactStore, leadSettingsStore, leadStore, storage } from '../../ports/registry';
import { completeTask, type Activity } from '../../domain/activity';
import { businessHoursBetween } from '../../domain/business-hours';
import type { Contact } from '../../domain/contact';
import { breach, respond, type LeadSla } from '../../domain/lead';
import { SITE_PROJECT } from '../companies/site-access';
import { SYSTEM_ACTOR } from '../handoff/system';

const ATTEMPTS = 4;

export interface LeadClock {
  now: () => number;
  newId: () => string;
}

/** The follow-up task to close with the first answer, if it is still open. */
async function openTask(contact: Contact): Promise<Activity | null> {
  const taskId = contact.lead?.taskId;
  if (!taskId) return null;
  const task = await activityStore.readActivity(taskId);
  return task && task.kind === 'task' && task.task?.state === 'open' ? task : null;
}

/**
 * Applies an SLA change to a lead as Relay, with its timeline entry ("Lead response SLA: open → met")
 * and, when the owner answered, their follow-up task marked done. A write that loses to another one
 * reads the contact again and decides again. Answers the SLA as stored, or null when nothing changed.
 */
async function changeSla(contactId: string, decide: (contact: Contact, sla: LeadSla) => Promise<LeadSla>, clock: LeadClock): Promise<LeadSla | null> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const contact = await contactStore.readContact(contactId);
    const sla = contact?.lead?.sla;
    if (!contact || !contact.lead || !sla) return null;
    const next = await decide(contact, sla);
    if (next === sla) return null;
    const now = clock.now();
    const after: Contact = { ...contact, lead: { ...contact.lead, sla: next }, version: contact.version + 1, updatedAt: now };
    const stateOf = (s: LeadSla) => (s.state === 'breached' && s.respondedAt !== null ? 'late' : s.state);
    const changes = [{ field: 'leadSla', from: stateOf(sla), to: stateOf(next) }, ...(next.responseHours !== null && sla.responseHours === null ? [{ field: 'leadResponseHours', from: null, to: next.responseHours }] : [])];
    const task = next.respondedAt !== null ? await openTask(contact) : null;
    try {
      await leadStore.commitLeadChange(contact, after, [activityStore.changeActivity(clock.newId(), `contact:${contact.id}`, SITE_PROJECT, SYSTEM_ACTOR, now, changes)], task ? { before: task, after: completeTask(task, contact.ownerId, now) } : null);
      return next;
    } catch (error) {
      if (!storage.isConditionFailure(error) || attempt === ATTEMPTS) throw error;
    }
  }
  return null;
}

/**
 * Someone logged an activity on a contact: when it is the lead's owner and the lead has not been
 * answered yet, its response SLA is met (or recorded late), measured in business hours from the
 * lead's arrival to when the activity was logged (not the time typed in, which can be backdated).
 */
export async function noteLeadResponse(contactId: string, actorId: string, loggedAt: number, clock: LeadClock): Promise<LeadSla | null> {
  return changeSla(
    contactId,
    async (contact, sla) => {
      if (contact.ownerId !== actorId || sla.respondedAt !== null) return sla;
      const { settings } = await leadSettingsStore.readLeadSettings();
      return respond(sla, loggedAt, businessHoursBetween(sla.startedAt, loggedAt, settings.sla.businessHours));
    },
    clock,
  );
}

/**
 * The hourly scan's step for one open lead past its due time: breached, unless the owner did answer
 * and the answer was not recorded (the write after their activity failed) — then it is recorded now.
 */
export async function checkLeadSla(contactId: string, clock: LeadClock): Promise<'breached' | 'answered' | 'unchanged'> {
  const { settings } = await leadSettingsStore.readLeadSettings();
  const result = await changeSla(
    contactId,
    async (contact, sla) => {
      if (sla.state !== 'open') return sla;
      const answeredAt = await leadStore.firstActivityBy(contact.id, contact.ownerId, sla.startedAt);
      if (answeredAt !== null) return respond(sla, answeredAt, businessHoursBetween(sla.startedAt, answeredAt, settings.sla.businessHours));
      return breach(sla, clock.now());
    },
    clock,
  );
  if (!result) return 'unchanged';
  return result.respondedAt !== null ? 'answered' : 'breached';
}
