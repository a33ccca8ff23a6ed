import { installStore, settingsStore } from '../../ports/registry';


/**
 * The site's defaults, written once after an install or a major upgrade: the install record (when
 * Relay arrived), the site settings in the entity (defaults at version 0 unless someone saved
 * some), and the list of CRM projects. Every write is create-only, so running it again — a retried
 * event, a reinstall within Forge's 28 days — changes nothing a person set.
 */
export async function seedSite(now: number): Promise<{ installedAt: number; settings: 'kept' | 'moved' | 'seeded' }> {
  const { installedAt } = await installStore.ensureInstallRecord(now);
  const settings = await settingsStore.seedStoredSettings(now);
  await installStore.ensureCrmProjects(now);
  return { installedAt, settings };
}
