import { directory, inbound, leadSecretStore, leadSettingsStore, storage } from '../../ports/registry';
import type { LeadSettings } from '../../ports/leads';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { LeadSettingsRecord, RotateSecretInput, SaveLeadSettingsInput, SecretStateRecord } from '../../contracts/lead';
import { SECRET_GRACE_HOURS } from '../../contracts/lead';
import type { FieldError } from '../../contracts/envelope';
import type { UseCaseContext } from '../context';
import { AppError, forbidden, invalid, notFound } from '../errors';
import { crmReach } from '../companies/site-access';

const HOUR = 3_600_000;

async function requireSiteAdmin(ctx: UseCaseContext): Promise<void> {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can change how Relay takes inbound leads.');
}

function settingsRecord(settings: LeadSettings, version: number, canEdit: boolean): z.infer<typeof LeadSettingsRecord> {
  return { ...settings, version, canEdit };
}

/**
 * The site's lead settings: scoring rules, routing and response SLA with business hours. Readable by
 * whoever sees the CRM (the Leads tab and the project settings show the SLA); editable by Jira admins.
 * Errors: NOT_FOUND (the user browses no CRM project and is not a Jira admin).
 */
export async function leadSettings(ctx: UseCaseContext): Promise<z.infer<typeof LeadSettingsRecord>> {
  const [admin, reach] = await Promise.all([ctx.access.isSiteAdmin(), crmReach(ctx)]);
  if (!admin && !reach.read) throw notFound('The lead settings');
  const { settings, version } = await leadSettingsStore.readLeadSettings();
  return settingsRecord(settings, version, admin);
}

/** Every owner the routing names must be an active person in Jira; VALIDATION names each one that is not. */
async function checkOwners(routing: LeadSettings['routing']): Promise<void> {
  const named: Array<[string, string]> = [
    ...routing.owners.map((id, i): [string, string] => [`routing.owners.${i}`, id]),
    ...routing.rules.map((r, i): [string, string] => [`routing.rules.${i}.ownerId`, r.ownerId]),
    ...(routing.fallbackOwnerId ? [['routing.fallbackOwnerId', routing.fallbackOwnerId] as [string, string]] : []),
  ];
  const unique = [...new Set(named.map(([, id]) => id))];
  const active = new Map(await Promise.all(unique.map(async (id) => [id, await directory.isActiveUser(id)] as const)));
  const fields: FieldError[] = named.filter(([, id]) => !active.get(id)).map(([path]) => ({ path, message: 'Not an active person in Jira' }));
  if (fields.length > 0) throw invalid('Leads can only go to active people in Jira.', fields, { reason: 'OWNER_UNKNOWN' });
  const dupes = routing.owners.filter((id, i) => routing.owners.indexOf(id) !== i);
  if (dupes.length > 0) throw invalid('Each person is once in the round robin, or they get more than their share.', [{ path: 'routing.owners', message: 'Listed twice' }], { reason: 'OWNER_TWICE' });
}

/**
 * Saves the parts given (scoring, routing, SLA) at the version read. Errors: FORBIDDEN (not a Jira
 * admin), VALIDATION (an owner Jira does not know), CONFLICT (someone saved since; `details.current`).
 */
export async function saveLeadSettings(ctx: UseCaseContext, input: z.infer<typeof SaveLeadSettingsInput>): Promise<z.infer<typeof LeadSettingsRecord>> {
  await requireSiteAdmin(ctx);
  const current = await leadSettingsStore.readLeadSettings();
  const conflict = () => new AppError('CONFLICT', 'Someone changed the lead settings after you opened them.', [], { current: settingsRecord(current.settings, current.version, true) });
  if (current.version !== input.version) throw conflict();
  const next: LeadSettings = {
    scoring: input.scoring ?? current.settings.scoring,
    routing: input.routing ?? current.settings.routing,
    sla: input.sla ?? current.settings.sla,
  };
  if (input.routing) await checkOwners(next.routing);
  try {
    await leadSettingsStore.writeLeadSettings(next, current.version, ctx.access.accountId, ctx.clock.now());
  } catch (error) {
    if (storage.isConditionFailure(error)) {
      const fresh = await leadSettingsStore.readLeadSettings();
      throw new AppError('CONFLICT', 'Someone changed the lead settings after you opened them.', [], { current: settingsRecord(fresh.settings, fresh.version, true) });
    }
    throw error;
  }
  return settingsRecord(next, current.version + 1, true);
}

async function stateRecord(canEdit: boolean, now: number): Promise<z.infer<typeof SecretStateRecord>> {
  const [{ state, version }, url] = await Promise.all([leadSecretStore.readSecretState(), inbound.inboundLeadUrl()]);
  return {
    url,
    configured: state !== null,
    fingerprint: state?.fingerprint ?? null,
    createdAt: state?.createdAt ?? null,
    createdBy: state?.createdBy ?? null,
    previous: state?.previous && state.previous.expiresAt > now ? state.previous : null,
    graceHours: SECRET_GRACE_HOURS,
    version,
    canEdit,
  };
}

/** The endpoint and what can be shown of its secret (never the secret). Errors: FORBIDDEN (not a Jira admin). */
export async function secretState(ctx: UseCaseContext): Promise<z.infer<typeof SecretStateRecord>> {
  await requireSiteAdmin(ctx);
  return stateRecord(true, ctx.clock.now());
}

/**
 * Sets a new signing secret — generated, or one the admin brings from their form tool — and answers
 * it in clear this once. The one it replaces keeps working for SECRET_GRACE_HOURS, so senders can
 * switch without losing leads. The public state is claimed first (conditioned on the version the admin
 * read), so of two admins rotating at once one gets CONFLICT before any secret is written.
 * Errors: FORBIDDEN, CONFLICT, VALIDATION (a brought secret that is too short).
 */
export async function rotateSecret(ctx: UseCaseContext, input: z.infer<typeof RotateSecretInput>): Promise<{ state: z.infer<typeof SecretStateRecord>; secret: string }> {
  await requireSiteAdmin(ctx);
  const now = ctx.clock.now();
  const { state, version } = await leadSecretStore.readSecretState();
  if (version !== input.version) throw new AppError('CONFLICT', 'Someone changed the secret after you opened this page.', [], { current: await stateRecord(true, now) });
  const secret = input.secret ?? `rls_${randomBytes(32).toString('base64url')}`;
  const stored = await leadSecretStore.readSigningSecrets();
  const previous = stored ? { value: stored.current.value, expiresAt: now + SECRET_GRACE_HOURS * HOUR } : null;
  try {
    await leadSecretStore.writeSecretState(
      { fingerprint: leadSecretStore.fingerprintOf(secret), createdAt: now, createdBy: ctx.access.accountId, previous: state && previous ? { fingerprint: state.fingerprint, expiresAt: previous.expiresAt } : null },
      version,
      now,
    );
  } catch (error) {
    if (storage.isConditionFailure(error)) throw new AppError('CONFLICT', 'Someone changed the secret after you opened this page.', [], { current: await stateRecord(true, now) });
    throw error;
  }
  await leadSecretStore.writeSigningSecrets({ current: { value: secret, createdAt: now }, previous });
  return { state: await stateRecord(true, now), secret };
}
