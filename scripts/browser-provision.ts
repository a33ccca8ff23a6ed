/**
 * What `npm test` needs before anything else: a Chromium for the browser tests. Debian's package is
 * the one the tests drive (`npx playwright install` cannot download browsers here). Pure decision,
 * so it is tested without touching the machine; scripts/ensure-browser.ts acts on it.
 */
export interface Machine {
  /** The browser the tests will launch (CHROMIUM_PATH or /usr/bin/chromium). */
  chromiumPath: string;
  chromiumPresent: boolean;
  /** Whether CHROMIUM_PATH was set by the person running the tests. */
  pathFromEnvironment: boolean;
  isRoot: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt. */
  passwordlessSudo: boolean;
  aptAvailable: boolean;
}

export type BrowserPlan =
  | { action: 'ready'; chromiumPath: string }
  | { action: 'install'; commands: string[][] }
  | { action: 'stop'; message: string };

const PACKAGES = ['chromium', 'fonts-dejavu-core'];

export function browserPlan(machine: Machine): BrowserPlan {
  if (machine.chromiumPresent) return { action: 'ready', chromiumPath: machine.chromiumPath };
  if (machine.pathFromEnvironment) {
    return { action: 'stop', message: `CHROMIUM_PATH is ${machine.chromiumPath}, and there is no browser there. Point it at a Chromium, or unset it to use Debian's /usr/bin/chromium.` };
  }
  if (!machine.aptAvailable) {
    return { action: 'stop', message: 'The browser tests need Chromium and this machine has no apt-get. Install Chromium, then run: CHROMIUM_PATH=/path/to/chromium npm test' };
  }
  const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...PACKAGES];
  if (machine.isRoot) return { action: 'install', commands: [['apt-get', 'update', '-qq'], install] };
  if (machine.passwordlessSudo) return { action: 'install', commands: [['sudo', '-n', 'apt-get', 'update', '-qq'], ['sudo', '-n', ...install]] };
  return { action: 'stop', message: `The browser tests need Debian's Chromium. Install it once, then run npm test again:\n\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}\n` };
}
