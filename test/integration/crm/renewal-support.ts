import { kvs, Sort } from '@forge/kvs';
import { addDays, addYears, format, parseISO } from 'date-fns';
import { Calls } from '../../../src/contracts/calls';
import type { DealRecord } from '../../../src/contracts/deal';
import { Entities } from '../../../src/adapters/kvs/keys';
import { fromMovementEntity, type MovementEntity } from '../../../src/adapters/kvs/arr-store';
import type { ArrMovement } from '../../../src/domain/arr';
import { readRun, type RunState } from '../../../src/usecases/renewals/run-state';
import type { pinAppClock } from '../../support/app-clock';
import { READY_FIELDS, type Crm } from './crm-harness';

/** Shared steps of the renewal tests: contracts won through the resolver, the daily run driven to its end. */
export interface RenewalKit {
  script<T>(fn: () => Promise<T>): Promise<T>;
  /** A won recurring deal (a contract) for the company, ending on `contractEnd`. */
  contract(name: string, contractEnd: string, extra?: Record<string, unknown>): Promise<DealRecord>;
  /** Fires the daily trigger and works the queue (the clock moving past each chunk's pause) until the run is done. */
  runDaily(): Promise<RunState>;
  run(): Promise<RunState | null>;
  movementsOf(companyId: string): Promise<ArrMovement[]>;
  openDeals(projectKey?: string): Promise<DealRecord[]>;
}

export function renewalKit(crm: Crm, clock: ReturnType<typeof pinAppClock>, ids: () => { companyId: string; contactIds: string[]; stageId: string }): RenewalKit {
  const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 60_000 }, fn).then((r) => r.result);
  // The test's look at the run is not the run's cost: read outside the quota the chunks spend.
  const run = async () => (await crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 60_000, metered: false }, readRun)).result.value;
  return {
    script,
    run,
    async contract(name, contractEnd, extra = {}) {
      const { companyId, contactIds, stageId } = ids();
      // A one-year term ending on contractEnd.
      const contractStart = format(addDays(addYears(parseISO(contractEnd), -1), 1), 'yyyy-MM-dd');
      const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, stageId, ...READY_FIELDS, contractStart, contractEnd, companyId, contactIds, ...extra });
      return crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    },
    async runDaily() {
      // The scan finds contracts with a storage query: the next day's run comes long after the wins.
      crm.later();
      await crm.sandbox.host.runScheduled('relay-daily-renewal-scan');
      for (let round = 0; round < 400; round += 1) {
        await crm.sandbox.host.settle();
        const state = await run();
        if (state?.phase === 'done' && crm.sandbox.host.pendingQueueEvents().length === 0) return state;
        clock.advance(61_000);
      }
      throw new Error('The daily run did not finish');
    },
    movementsOf: (companyId) => {
      // Read as someone coming back to them: entity queries trail writes.
      crm.later();
      return script(async () => {
        const page = await kvs.entity<MovementEntity>(Entities.arrMovement).query().index('by-company-time', { partition: [companyId] }).sort(Sort.ASC).limit(100).getMany();
        return page.results.map((r) => fromMovementEntity(r.key, r.value));
      });
    },
    async openDeals(projectKey = 'SALES') {
      const page = await crm.list('vic', Calls.deals.list, { projectKey, outcome: 'open', limit: 100 }, projectKey);
      return page.items;
    },
  };
}
