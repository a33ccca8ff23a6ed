/**
 * The first step of `npm test`: make sure the browser tests have their Chromium. When it is missing
 * and the machine allows it (root, or sudo without a password, and apt-get), it installs Debian's
 * package; otherwise it stops at once with the one command to run. (`.ci/run` calls `npm test` and
 * relies on this.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserPlan } from './browser-provision';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const succeeds = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

const plan = browserPlan({
  chromiumPath,
  chromiumPresent: existsSync(chromiumPath),
  pathFromEnvironment: process.env.CHROMIUM_PATH !== undefined,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  passwordlessSudo: succeeds('sudo', ['-n', 'true']),
  aptAvailable: succeeds('sh', ['-c', 'command -v apt-get']),
});

if (plan.action === 'stop') {
  console.error(plan.message);
  process.exit(1);
}
if (plan.action === 'install') {
  console.log("Installing Debian's Chromium for the browser tests…");
  for (const [command, ...args] of plan.commands) {
    const result = spawnSync(command!, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error(`\`${[command, ...args].join(' ')}\` failed (${String(result.status)}). Install Chromium yourself (sudo apt-get install -y chromium) and run npm test again.`);
      process.exit(1);
    }
  }
  if (!existsSync(chromiumPath)) {
    console.error(`apt-get finished, but there is no browser at ${chromiumPath}.`);
    process.exit(1);
  }
}
const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' });
console.log(`Browser for the e2e tests: ${(version.stdout || chromiumPath).trim()}`);
