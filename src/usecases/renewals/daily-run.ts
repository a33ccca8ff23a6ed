import { QUERY_SETTLE_MS } from '../../ports/storage';
import { companyStore, crmProjectStore, jobQueue, renewalStore, storage } from '../../ports/registry';
import { addDays, isoDateOf } from '../../domain/periods';
import type { Clock, Ids } from '../../ports';
import { breachesByCompany, scoreCompanies } from './health';
import { openRenewals, ScanCache } from './open-renewal';
import type { Boundary, Phase, RunState } from './run-state';
import { advance, counted, readRun, saveRun, START } from './run-state';
import { computeRetention, startSummary, SUMMARY_PAGES_PER_STEP, summaryPages } from './summaries';

/**
 * The daily renewals run (scheduled trigger → queue chunks of ≤ 900 s): open the renewal deals that
 * are due, score customers' health (with their derived ARR and lifecycle), then compute each
 * project's renewal summary and the site's retention. It pages by contract end date and by ARR and
 * saves a checkpoint after every page; each chunk does at most a minute's share of the storage
 * write budget (Forge: 4,000 write units a minute per installation) and hands over to the next chunk
 * a minute later, so 50,000 contracts are worked through under the limits, and a chunk that dies is
 * retried from its last checkpoint.
 */
export const LIMITS = {
  /** Renewal deals opened per chunk: about 5 write units and 3 read units each (≈ 2,500 and 1,500 of the 4,000 a minute). */
  openingsPerChunk: 500,
  /** Companies whose score changed per chunk (≈ 2 write and 3 read units each). */
  healthWritesPerChunk: 500,
  /**
   * Index pages read per chunk, per phase, whatever was written: a health page reads ≈ 130 units (the
   * companies, their accounts), a summary page ≈ 85 (the renewals, their companies), so each phase
   * stays near 2,000 of the 4,000 read units a minute.
   */
  pagesPerChunk: { scan: 50, health: 15, summaries: SUMMARY_PAGES_PER_STEP, retention: 1, done: 0 } as Record<Phase, number>,
  /** Real time a chunk works before handing over (the consumer may run 900 s). */
  chunkMs: 600_000,
  /** A run's lease: longer than a chunk, so a live run is never taken over; an abandoned one is. */
  leaseMs: 960_000,
  /** Pause between chunks when a chunk used its write budget. */
  pauseSeconds: 60,
  /**
   * How long a chunk waits out storage's 429 (1 s, 2 s, 4 s) before it pauses for a minute: a
   * second's request quota passes in a second; a minute's spent units do not, and the pause is for those.
   */
  quotaWaitMs: 7_000,
  page: 100,
} as const;

const TIERS = ['good', 'average', 'poor'] as const;

export interface StartOutcome {
  started: boolean;
  reason: string;
  runId?: string;
}

/**
 * The scheduled trigger: starts today's run unless one is running (its lease holds) or today's is
 * done. Runs twice, or overlapping, start it once: the run record is saved at the version read.
 * An unfinished run of an earlier day is resumed from its checkpoint under a new id.
 */
export async function startDailyRun(now: number, ids: Ids): Promise<StartOutcome> {
  const today = isoDateOf(now);
  const read = await readRun();
  const run = read.value;
  if (run && run.phase !== 'done' && run.leaseUntil > now) return { started: false, reason: `run ${run.runId} is in progress` };
  if (run && run.phase === 'done' && run.day === today) return { started: false, reason: 'today’s run is done' };
  const resume = run && run.phase !== 'done' ? run : null;
  const next: RunState = {
    runId: ids.newId(),
    day: today,
    phase: resume?.phase ?? 'scan',
    chunk: 0,
    leaseUntil: now + LIMITS.leaseMs,
    scan: resume?.scan ?? START,
    healthTier: 0,
    health: resume?.health ?? START,
    projectsDone: resume?.projectsDone ?? 0,
    summary: resume?.summary ?? null,
    counts: resume?.counts ?? {},
    startedAt: now,
    finishedAt: null,
    lastError: null,
  };
  if (!(await saveRun(next, read.version, now))) return { started: false, reason: 'another run started first' };
  await jobQueue.enqueueJob({ kind: 'renewals', runId: next.runId, chunk: 1 });
  return { started: true, reason: resume ? `resumed ${resume.phase}` : 'started', runId: next.runId };
}

interface Budget {
  openings: number;
  healthWrites: number;
  pages: number;
  startedMs: number;
  /** Cursors continue a phase's query within this chunk only (cursors are unstable: never stored). */
  cursor: string | undefined;
  /** Where the query the cursor continues started: a cursor only continues its own query. */
  queryFrom: string | number | null;
}

const spent = (b: Budget, phase: Phase) => b.openings >= LIMITS.openingsPerChunk || b.healthWrites >= LIMITS.healthWritesPerChunk || b.pages >= LIMITS.pagesPerChunk[phase];
const outOfTime = (b: Budget) => performance.now() - b.startedMs > LIMITS.chunkMs;

/**
 * A chunk resumes a phase by querying again from the range value its checkpoint reached and skipping
 * the ids done at that value. Pages holding only those are not charged to the page budget: when more
 * items share one value (customers on one plan's ARR, contracts ending on 31 December) than a
 * chunk's pages hold, charging them would have every chunk re-read the same pages and never move on.
 * They are bounded by the ids a checkpoint keeps (2,000: 20 pages).
 */
const skipDone = <T extends { id: string }>(items: T[], boundary: Boundary, valueOf: (item: T) => string | number) =>
  items.filter((item) => !(boundary.value === valueOf(item) && boundary.doneIds.includes(item.id)));

/** One page of the scan: contracts waiting for their renewal, up to the furthest horizon any project uses. */
async function scanPage(run: RunState, budget: Budget, now: number, ids: Ids): Promise<RunState> {
  const today = isoDateOf(now);
  const horizons = await renewalStore.readHorizons();
  if (!budget.cursor) budget.queryFrom = typeof run.scan.value === 'string' ? run.scan.value : '0000-01-01';
  const page = await renewalStore.pendingContracts(String(budget.queryFrom), addDays(today, renewalStore.maxDaysBefore(horizons.value)), LIMITS.page, budget.cursor);
  budget.cursor = page.nextCursor ?? undefined;
  const fresh = skipDone(page.deals, run.scan, (d) => d.contractEnd ?? '');
  // Pages of items an earlier chunk handled are not charged (see skipDone).
  if (fresh.length > 0) budget.pages += 1;
  if (fresh.length === 0) return budget.cursor ? run : { ...run, phase: 'health' };
  const outcomes = await openRenewals(
    fresh.map((d) => d.id),
    { cache: new ScanCache(), ids, now, today, runStartedAt: run.startedAt },
  );
  budget.openings += outcomes.opened;
  const next: RunState = { ...run, scan: advance(run.scan, fresh.map((d) => ({ id: d.id, value: d.contractEnd ?? '' }))), counts: counted(run.counts, outcomes) };
  return budget.cursor ? next : { ...next, phase: 'health' };
}

/**
 * One page of health scoring: active companies by name (each page: one Jira search, a few batch
 * reads); those with a health tier (customers) are scored. Paged by name, not by tier and ARR: a
 * checkpoint remembers the ids done at the value it reached (at most 2,000), and when more
 * customers than that shared one ARR (one plan's price), every chunk began that value again and
 * the run never left this phase (the bench at 50,000 contracts: 10,000 companies at one ARR).
 */
async function healthPage(run: RunState, budget: Budget, now: number, ids: Ids, breaches: Map<string, number>): Promise<RunState> {
  // A run saved by the version that paged by ARR resumes its health phase from the first name.
  if (!budget.cursor) budget.queryFrom = typeof run.health.value === 'string' ? run.health.value : '';
  const page = await companyStore.activeCompaniesByName(String(budget.queryFrom), LIMITS.page, budget.cursor);
  budget.cursor = page.nextCursor ?? undefined;
  const boundary = typeof run.health.value === 'number' ? START : run.health;
  const fresh = skipDone(page.items.map((i) => ({ ...i, id: i.company.id })), boundary, (i) => i.nameLower);
  if (fresh.length > 0) budget.pages += 1;
  if (fresh.length === 0) return budget.cursor ? run : { ...run, phase: 'summaries' };
  const customers = fresh.map((i) => i.company).filter((c) => (TIERS as readonly string[]).includes(c.health));
  const changed = customers.length > 0 ? await scoreCompanies(customers, now, ids, { breaches }) : 0;
  budget.healthWrites += changed;
  const health = advance(boundary, fresh.map((i) => ({ id: i.id, value: i.nameLower })));
  const next: RunState = { ...run, health, counts: counted(run.counts, { scored: customers.length, healthChanged: changed }) };
  return budget.cursor ? next : { ...next, phase: 'summaries' };
}

/** A project's summary, some pages at a time; the next project once it is stored. */
async function summariesStep(run: RunState, budget: Budget, now: number): Promise<RunState> {
  const projects = [...(await crmProjectStore.crmProjectIds(now))].sort();
  const projectId = projects[run.projectsDone];
  if (!projectId) return { ...run, phase: 'retention', summary: null };
  const step = await summaryPages(projectId, run.summary ?? startSummary(isoDateOf(now)), now, Math.max(1, LIMITS.pagesPerChunk.summaries - budget.pages));
  budget.pages += step.pages;
  if (!step.done) return { ...run, summary: step.progress };
  return { ...run, projectsDone: run.projectsDone + 1, summary: null, counts: counted(run.counts, { summaries: 1 }) };
}

export type ChunkOutcome = 'dropped' | 'continued' | 'done';

/**
 * One chunk: claims the run for this chunk (the next one, or this one again when the queue retries
 * it), works page by page within its budget, saving the checkpoint after each page, then hands
 * over. Storage answering 429 is waited out for a few seconds (the requests-per-second quota); when
 * it still answers 429 the chunk ends early and the next one resumes from the checkpoint after the
 * pause. Anything else is thrown, so the queue retries the chunk from the last checkpoint.
 */
export async function runChunk(job: { runId: string; chunk: number }, retried: boolean, clock: Clock, ids: Ids): Promise<ChunkOutcome> {
  const now = () => clock.now();
  const paced = <T>(request: () => Promise<T>) => storage.withStorageBackoff(request, LIMITS.quotaWaitMs);
  const read = await paced(readRun);
  let run = read.value;
  if (!run || run.runId !== job.runId || run.phase === 'done') return 'dropped';
  const fresh = job.chunk === run.chunk + 1;
  const again = job.chunk === run.chunk && (retried || run.leaseUntil <= now());
  if (!fresh && !again) return 'dropped';
  let version = read.version;
  const claimed: RunState = { ...run, chunk: job.chunk, leaseUntil: now() + LIMITS.leaseMs };
  run = claimed;
  if (!(await paced(() => saveRun(claimed, version, now())))) return 'dropped';
  version += 1;

  const budget: Budget = { openings: 0, healthWrites: 0, pages: 0, startedMs: performance.now(), cursor: undefined, queryFrom: null };
  let breaches: Map<string, number> | undefined;
  let pausing = false;
  let settling = false;
  try {
    while (run.phase !== 'done' && !spent(budget, run.phase) && !outOfTime(budget) && !settling) {
      const current: RunState = run;
      const phase: Phase = current.phase;
      const before = { ...budget };
      // A page met storage's rate: done again from the checkpoint (each page is safe to repeat: renewals open once).
      run = await paced(async () => {
        Object.assign(budget, before);
        if (phase === 'scan') return scanPage(current, budget, now(), ids);
        if (phase === 'health') return healthPage(current, budget, now(), ids, (breaches ??= await breachesByCompany()));
        if (phase === 'summaries') return summariesStep(current, budget, now());
        await computeRetention(now());
        return { ...current, phase: 'done' as const, finishedAt: now() };
      });
      if (run.phase !== phase) {
        budget.cursor = undefined;
        // A new phase starts with its own page budget.
        if (run.phase !== phase) budget.pages = 0;
      }
      const checkpoint: RunState = run;
      if (!(await paced(() => saveRun(checkpoint, version, now())))) return 'dropped';
      version += 1;
      // Summaries read renewals with a storage query, which trails writes: the renewals this run
      // opened are counted by a chunk that starts once they are queryable.
      settling = phase !== 'summaries' && run.phase === 'summaries' && (run.counts.opened ?? 0) > 0;
    }
    pausing = run.phase !== 'done' && spent(budget, run.phase);
  } catch (error) {
    if (!storage.isStorageRateLimited(error)) throw error;
    pausing = true;
    run = { ...run, lastError: 'storage rate limit reached: paused' };
    try {
      if (!(await saveRun(run, version, now()))) return 'dropped';
    } catch (saveError) {
      // Still limited: the last page's checkpoint stands, and the next chunk resumes from it (a queue retry would be spent on the wait).
      if (!storage.isStorageRateLimited(saveError)) throw saveError;
    }
  }
  if (run.phase === 'done') return 'done';
  await jobQueue.enqueueJob({ kind: 'renewals', runId: run.runId, chunk: run.chunk + 1 }, pausing ? LIMITS.pauseSeconds : settling ? Math.ceil(QUERY_SETTLE_MS / 1000) : 1);
  return 'continued';
}

