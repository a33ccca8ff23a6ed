import { Calls } from '../../../src/contracts/calls';
import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { pinAppClock } from '../../support/app-clock';
import { startCrm, USERS, type Crm } from './crm-harness';

/**
 * Names people type (segment values, sources, stage ids) are looked up as the data's own entries:
 * built-in object names ("constructor", "__proto__", "toString") are just names nobody used.
 */
describe('look-ups by user-supplied names', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
  });
  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('answers a gadget segment named after a built-in with the empty segment, and a real one with its figures', async () => {
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Fair lead', amountMinor: 50_000, currency: 'USD', source: 'toString', closeDate: '2026-12-01' });
    await crm.ok('alice', Calls.metrics.refresh, { projectKey: 'SALES' });
    await crm.sandbox.host.settle();
    // The snapshot reads deals with a storage query: the queue runs it again once the deal write has settled.
    clock.advance(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
    for (const dimension of ['owner', 'segment', 'source', 'region'] as const) {
      for (const value of ['constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const answer = await crm.call('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', segment: { dimension, value } });
        expect({ dimension, value, answer }).toMatchObject({ dimension, value, answer: { ok: true, data: { segment: { dimension, value }, dealCount: 0, pipeline: { openCount: 0 } } } });
      }
    }
    const real = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', segment: { dimension: 'source', value: 'toString' } });
    expect(real).toMatchObject({ dealCount: 1, pipeline: { openCount: 1 } });
    const owner = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES', segment: { dimension: 'owner', value: USERS.sam } });
    expect(owner).toMatchObject({ dealCount: 1, pipeline: { openCount: 1 } });
  });

  it('keeps board columns and gadget funnels exact for a stage whose id is a built-in name', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const stages = pipeline.stages.map((s, i) => (i === 1 ? { ...s, id: 'constructor' } : i === 2 ? { ...s, id: 'toString' } : s));
    await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: pipeline.version, stages });
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'A', stageId: 'constructor', amountMinor: 1_000, currency: 'EUR' });
    const board = await crm.ok('sam', Calls.deals.board, { projectKey: 'SALES' });
    const column = (id: string) => board.columns.find((c) => c.stageId === id)!;
    expect(column('constructor')).toMatchObject({ count: 1, amounts: { EUR: 1_000 } });
    expect(column('toString')).toMatchObject({ count: 0, amounts: {}, weighted: {} });
    const gadget = await crm.ok('vic', Calls.gadgets.pipeline, { projectKey: 'SALES' });
    expect(gadget.pipeline.stages.find((f) => f.stageId === 'toString')).toMatchObject({ count: 0, amount: { amountMinor: 0 } });
    expect(gadget.pipeline.stages.find((f) => f.stageId === 'constructor')).toMatchObject({ count: 1 });
  });
});
