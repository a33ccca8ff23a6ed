/**
 * `npm start`: the Relay sandbox on this machine. Builds the Custom UI when its sources changed,
 * loads (or seeds) the local Jira site with Relay installed, runs the scheduled triggers on the wall
 * clock, and serves the Jira-like shell. State is saved to .sandbox-data/state.json every 30 s and
 * on exit, so the next start continues where this one stopped.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureStoryState } from './demo/story/cache';
import { STORY_PEOPLE } from './demo/story/cast';
import { createSandbox } from './index';
import { licenseFromFlag } from './runtime/license';
import { buildState, SHELL_HOST_TARGET, STATIC_TARGET } from './shell/build-static';
import type { ShellServer } from './shell/server';
import { startShellServer } from './shell/server';

const startedAt = performance.now();
const ROOT = path.resolve(__dirname, '..');
const DATA_FILE = path.join(ROOT, '.sandbox-data', 'state.json');
const SAVE_EVERY_MS = 30_000;
const DEFAULT_PORT = 5173;

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The app's Custom UI (static/dist) and the shell's own host (sandbox/shell/dist), each when its sources changed. */
async function buildIfStale(): Promise<void> {
  for (const target of [STATIC_TARGET, SHELL_HOST_TARGET]) {
    const state = buildState(ROOT, target);
    if (!state.stale) continue;
    const began = performance.now();
    console.log(`Building ${target.name} (${state.reason})…`);
    process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, target.config), logLevel: 'warn' });
    console.log(`Built ${target.name} in ${seconds(performance.now() - began)}s`);
  }
}

/** PORT (or 5173); when it is taken, any free port, so a second checkout can run beside the first. */
async function listen(sandbox: Parameters<typeof startShellServer>[0]['sandbox']): Promise<ShellServer> {
  const wanted = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) throw new Error(`PORT must be a port number (got ${process.env.PORT})`);
  try {
    return await startShellServer({ sandbox, port: wanted });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${wanted} is in use; using a free port instead.`);
    return startShellServer({ sandbox, port: 0 });
  }
}

/** SEARCH_LAG_MS changes how far Jira search lags behind writes (default 2000; 0 switches the lag off). */
function searchLag(): { searchLagMs?: number } {
  const raw = process.env.SEARCH_LAG_MS;
  if (raw === undefined || raw === '') return {};
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`SEARCH_LAG_MS must be a number of milliseconds, 0 or more (got ${raw})`);
  return { searchLagMs: ms };
}

/**
 * A first start (no state yet) begins from the demo story: a year of a sales team's work lived
 * through Relay, generated once a day into .sandbox-data/demo/ and copied to the state file.
 */
async function demoStateIfNeeded(): Promise<void> {
  if (existsSync(DATA_FILE)) return;
  const began = performance.now();
  const { file, figures } = await ensureStoryState(ROOT, { onGenerate: () => console.log('Living a year of demo history through Relay (once a day; kept in .sandbox-data/demo)…') });
  mkdirSync(path.dirname(DATA_FILE), { recursive: true });
  copyFileSync(file, DATA_FILE);
  if (figures) {
    console.log(
      `Demo year generated in ${seconds(performance.now() - began)}s: ${figures.deals} deals (${figures.won} won, ${figures.lost} lost, the rest open), ` +
        `${figures.companies} companies, ${figures.contacts} contacts, ${figures.leads} inbound leads, ${figures.deliveryIssues} delivery issues, ${figures.invocations} invocations`,
    );
  }
}

async function main(): Promise<void> {
  await buildIfStale();
  await demoStateIfNeeded();
  // LICENSE=active|evaluation|expired|inactive: the site's Marketplace license (default none: a development install).
  const license = process.env.LICENSE ? licenseFromFlag(process.env.LICENSE, new Date().toISOString().slice(0, 10)) : undefined;
  // As strict as the cloud by default: storage queries trail writes, quotas are metered, and requests
  // take production-like time. RELAY_QUERY_LAG_MS=0, RELAY_LIMITS=off and RELAY_LATENCY=off change that.
  const lag = process.env.RELAY_QUERY_LAG_MS;
  const sandbox = await createSandbox({
    dataFile: DATA_FILE,
    ...searchLag(),
    ...(lag !== undefined ? { queryLagMs: Number(lag) } : {}),
    ...(process.env.RELAY_LIMITS === 'off' ? { limits: false } : {}),
    latency: { real: process.env.RELAY_LATENCY !== 'off' },
    ...(license ? { license } : {}),
  });
  sandbox.host.startScheduler();
  const shell = await listen(sandbox);

  console.log(`Relay sandbox ready in ${seconds(performance.now() - startedAt)}s at ${shell.url}`);
  console.log(`State from ${path.relative(ROOT, DATA_FILE)} (delete it to start again from the demo story)`);
  console.log(`License: ${sandbox.platform.licensing.current.kind} (LICENSE=active|evaluation|expired|inactive to change it)`);
  console.log(`Jira search lags ${sandbox.jira.searchLagMs} ms behind writes, as Jira Cloud's does (SEARCH_LAG_MS to change it)`);
  const { latency } = sandbox.platform;
  console.log(
    `Strict platform: queries trail writes by ${sandbox.kvs.queryLagMs} ms; quotas ${sandbox.platform.meters ? 'metered' : 'off'}; latency ${latency.real ? `kvs ${latency.kvsMs} ms, jira ${latency.jiraMs} ms, invoke ${latency.invocationMs} ms` : 'off'}`,
  );
  console.log('People (switch in the top bar):');
  const roles = new Map<string, string>(Object.values(STORY_PEOPLE).map((p) => [p.accountId, p.role]));
  for (const user of sandbox.jira.listUsers().filter((u) => u.accountType !== 'app')) {
    console.log(`  ${user.displayName.padEnd(16)} ${roles.get(user.accountId) ?? user.emailAddress ?? user.accountId}`);
  }

  // The first UI Kit surface in a process compiles TypeScript and the SDK: do it now, not on the first issue a person opens.
  setTimeout(() => console.log(`UI Kit surfaces compiled in ${seconds(shell.surfaces.preload())}s`), 0);

  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    saving = saving.then(() => sandbox.save()).catch((error: unknown) => console.error('Could not save the sandbox state:', error));
    return saving;
  };
  const timer = setInterval(() => void save(), SAVE_EVERY_MS);
  timer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: saving state and stopping…`);
    clearInterval(timer);
    await shell.close();
    await sandbox.close();
    await save();
    console.log(`Saved to ${path.relative(ROOT, DATA_FILE)}. Bye.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
