/**
 * The app's own life cycle on this site: installed, upgraded, uninstalled. Documented
 * (developer.atlassian.com/platform/forge/events-reference/life-cycle):
 * - `avi:forge:installed:app` is sent to `trigger` modules that subscribe to it when the app is
 *   installed; payload `{ id (installation id), installerAccountId?, app: { id, version, name?,
 *   ownerAccountId? }, environment?: { id } }`, handler called as `(event, context)`;
 * - `avi:forge:upgraded:app` likewise when a site moves to a new major version (the admin approves
 *   new permissions), with `upgraderAccountId` and the granted `permissions: { scopes, external }`.
 *   Minor versions roll out to every site without an event.
 * Documented in the Forge changelog and community answers, modelled strictly here: the event can
 * arrive before the app's permissions are in effect, so requests the app makes in response may be
 * refused for a while (`permissionsAfterMs`). The shape of that refusal is assumed (Jira's 401
 * "Unauthorized; scope does not match"; storage answers 403).
 * Uninstalling keeps the app's storage for 28 days (documented: "Forge app data is retained for 28
 * days after uninstall"), then deletes it; a reinstall within that time finds it again.
 */
import type { ForgeHost } from './host';

export const INSTALLED = 'avi:forge:installed:app';
export const UPGRADED = 'avi:forge:upgraded:app';
/** Forge's documented retention of an uninstalled app's data. */
export const RETENTION_MS = 28 * 86_400_000;

export interface InstallOptions {
  installerAccountId: string;
  /** Sandbox-clock milliseconds after the event before the app's scopes take effect (default 0). */
  permissionsAfterMs?: number;
}

export interface UpgradeOptions {
  upgraderAccountId: string;
  version: string;
  /** Minor versions reach the site without an event; only major upgrades send one. */
  major: boolean;
  permissionsAfterMs?: number;
}

export class AppLifecycle {
  /** When the site uninstalled the app (sandbox clock), while its data is kept. */
  uninstalledAt: number | undefined;

  constructor(private readonly host: ForgeHost) {}

  private lifecycleTriggers(eventType: string): Array<{ key: string; functionKey: string }> {
    return (this.host.manifest.modules.trigger ?? [])
      .filter((m) => ((m.events as string[] | undefined) ?? []).includes(eventType))
      .map((m) => ({ key: String(m.key), functionKey: String(m.function) }));
  }

  private appObject(): Record<string, unknown> {
    const { app } = this.host.platform;
    return { id: `ari:cloud:ecosystem::app/${app.appId}`, version: app.appVersion, name: 'Relay' };
  }

  /**
   * Grants the scopes (after `permissionsAfterMs`, as Forge may) and sends a lifecycle event to every
   * trigger that listens for it: the installation, who acted, the app and environment, the site.
   */
  private sendLifecycleEvent(eventType: string, permissionsAfterMs: number | undefined, actor: Record<string, unknown>, extra: () => Record<string, unknown> = () => ({})): void {
    const { platform } = this.host;
    platform.grantScopesAt(platform.clock.now() + (permissionsAfterMs ?? 0));
    const payload = {
      id: platform.app.installationId,
      ...actor,
      app: this.appObject(),
      environment: { id: platform.app.environmentId },
      ...extra(),
      context: `ari:cloud:jira::site/${platform.app.cloudId}`,
    };
    for (const trigger of this.lifecycleTriggers(eventType)) this.host.deliverAppEvent(trigger.key, trigger.functionKey, payload);
  }

  /** Installs (or reinstalls) the app on the site and sends the installed event; work it causes runs in the background (`host.settle()`). */
  install(options: InstallOptions): void {
    const { platform } = this.host;
    if (this.uninstalledAt !== undefined) {
      // Past the retention window the site starts empty; within it the data is found again.
      if (platform.clock.now() - this.uninstalledAt > RETENTION_MS) platform.kvs.reset();
      this.uninstalledAt = undefined;
      platform.installed = true;
    }
    this.sendLifecycleEvent(INSTALLED, options.permissionsAfterMs, { installerAccountId: options.installerAccountId });
  }

  /** Moves the site to `version`; a major upgrade sends the upgraded event. */
  upgrade(options: UpgradeOptions): void {
    const { platform } = this.host;
    platform.app.appVersion = options.version;
    if (!options.major) return;
    this.sendLifecycleEvent(UPGRADED, options.permissionsAfterMs, { upgraderAccountId: options.upgraderAccountId }, () => ({ permissions: { scopes: [...platform.app.scopes], external: {} } }));
  }

  /** Uninstalls: nothing of the app runs; its storage is kept for 28 days (see install). */
  uninstall(): void {
    this.uninstalledAt = this.host.platform.clock.now();
    this.host.platform.installed = false;
  }
}
