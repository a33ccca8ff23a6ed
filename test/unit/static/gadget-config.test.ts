import { PipelineGadgetInput, RenewalsGadgetInput } from '../../../src/contracts/metrics';
import { MAX_PIPELINE_PROJECTS, parseProjectKeys, pipelineInput, readPipelineConfig, readRenewalsConfig, refreshIntervalMs, renewalsInput, savedProjectKey, savedProjectKeys, toggleProjectKey } from '../../../static/src/lib/gadget-config';

/** What the gadgets read back from Jira's stored configuration, and the one call a render makes from it. */
describe('the Pipeline gadget configuration', () => {
  it('reads a full configuration as saved by the edit view', () => {
    const saved = { projectKeys: ['SALES', 'DEL'], period: 'next-quarter', segment: { dimension: 'owner', value: 'acc-1', label: 'Sam Seller' }, targetOverrideMinor: 10_000_000, targetCurrency: 'USD', refreshMinutes: 60 };
    expect(readPipelineConfig(saved)).toEqual(saved);
  });

  it('reads a configuration saved before the gadget combined projects as a list of one', () => {
    expect(readPipelineConfig({ projectKey: 'SALES', period: 'month', refreshMinutes: 15 })).toEqual({ projectKeys: ['SALES'], period: 'month', refreshMinutes: 15 });
    // When both are there, the list is what the newer edit view saved; the stale single key is dropped.
    expect(readPipelineConfig({ projectKey: 'CS', projectKeys: ['SALES', 'DEL'] })).toEqual({ projectKeys: ['SALES', 'DEL'], period: 'quarter', refreshMinutes: 0 });
    // A key listed twice counts once, in its first place.
    expect(readPipelineConfig({ projectKeys: ['DEL', 'SALES', 'DEL'] })?.projectKeys).toEqual(['DEL', 'SALES']);
  });

  it('maps the first version’s periods and defaults the refresh to off', () => {
    expect(readPipelineConfig({ projectKey: 'SALES', period: 'this-quarter' })).toEqual({ projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 });
    expect(readPipelineConfig({ projectKey: 'SALES', period: 'this-month' })?.period).toBe('month');
    expect(readPipelineConfig({ projectKey: 'SALES' })?.period).toBe('quarter');
  });

  it('treats a missing, malformed or foreign configuration as not configured', () => {
    expect(readPipelineConfig({})).toBeNull();
    expect(readPipelineConfig(null)).toBeNull();
    expect(readPipelineConfig(['SALES'])).toBeNull();
    expect(readPipelineConfig({ projectKey: 'sales' })).toBeNull();
    expect(readPipelineConfig({ projectKey: 'SALES', period: 'fiscal-year' })).toBeNull();
    expect(readPipelineConfig({ projectKey: 'SALES', refreshMinutes: 5 })).toBeNull();
    expect(readPipelineConfig({ projectKey: 'SALES', targetOverrideMinor: -1 })).toBeNull();
    expect(readPipelineConfig({ projectKey: 'SALES', segment: { dimension: 'colour', value: 'red' } })).toBeNull();
    expect(readPipelineConfig({ projectKeys: [] })).toBeNull();
    expect(readPipelineConfig({ projectKeys: 'SALES' })).toBeNull();
    expect(readPipelineConfig({ projectKeys: ['SALES', 7] })).toBeNull();
    expect(readPipelineConfig({ projectKeys: ['SALES', 'del'] })).toBeNull();
    const eleven = Array.from({ length: MAX_PIPELINE_PROJECTS + 1 }, (_, i) => `P${i}X`);
    expect(readPipelineConfig({ projectKeys: eleven })).toBeNull();
    expect(readPipelineConfig({ projectKeys: eleven.slice(0, MAX_PIPELINE_PROJECTS) })?.projectKeys).toHaveLength(MAX_PIPELINE_PROJECTS);
  });

  it('sends the contract’s input only: no label, no currency, no refresh (the resolver input is strict)', () => {
    const config = readPipelineConfig({ projectKey: 'SALES', period: 'month', segment: { dimension: 'owner', value: 'acc-1', label: 'Sam' }, targetOverrideMinor: 500, targetCurrency: 'EUR', refreshMinutes: 15 });
    if (!config) throw new Error('the configuration did not parse');
    const input = pipelineInput(config);
    expect(input).toEqual({ projectKeys: ['SALES'], period: 'month', segment: { dimension: 'owner', value: 'acc-1' }, targetOverrideMinor: 500 });
    expect(PipelineGadgetInput.safeParse(input).success).toBe(true);
    const bare = readPipelineConfig({ projectKey: 'SALES' });
    if (!bare) throw new Error('the configuration did not parse');
    expect(pipelineInput(bare)).toEqual({ projectKeys: ['SALES'], period: 'quarter' });
    expect(PipelineGadgetInput.safeParse(pipelineInput(bare)).success).toBe(true);
    const several = readPipelineConfig({ projectKeys: ['SALES', 'DEL'], period: 'year' });
    if (!several) throw new Error('the configuration did not parse');
    expect(PipelineGadgetInput.parse(pipelineInput(several))).toEqual({ projectKeys: ['SALES', 'DEL'], period: 'year' });
  });

  it('re-invokes on the chosen interval, or never on its own', () => {
    expect(refreshIntervalMs({ refreshMinutes: 0 })).toBeNull();
    expect(refreshIntervalMs({ refreshMinutes: 15 })).toBe(900_000);
    expect(refreshIntervalMs({ refreshMinutes: 60 })).toBe(3_600_000);
  });

  it('keeps the project keys of a half-valid configuration, old or new shape, for the edit view', () => {
    expect(savedProjectKeys({ projectKey: 'SALES', period: 'bad' })).toEqual(['SALES']);
    expect(savedProjectKeys({ projectKeys: ['SALES', 'DEL'], refreshMinutes: 5 })).toEqual(['SALES', 'DEL']);
    expect(savedProjectKeys({ projectKeys: ['SALES', 7, ''] })).toEqual(['SALES']);
    expect(savedProjectKeys({ projectKey: 7 })).toEqual([]);
    expect(savedProjectKeys(undefined)).toEqual([]);
    expect(savedProjectKey({ projectKey: 'SALES', period: 'bad' })).toBe('SALES');
    expect(savedProjectKey(undefined)).toBe('');
  });

  it('ticks and unticks projects in the order chosen, never past the limit', () => {
    expect(toggleProjectKey([], 'SALES', true)).toEqual(['SALES']);
    expect(toggleProjectKey(['SALES'], 'DEL', true)).toEqual(['SALES', 'DEL']);
    expect(toggleProjectKey(['SALES', 'DEL'], 'SALES', false)).toEqual(['DEL']);
    expect(toggleProjectKey(['SALES'], 'SALES', true)).toEqual(['SALES']);
    expect(toggleProjectKey(['SALES'], 'CS', false)).toEqual(['SALES']);
    const full = Array.from({ length: MAX_PIPELINE_PROJECTS }, (_, i) => `P${i}X`);
    expect(toggleProjectKey(full, 'SALES', true)).toEqual(full);
    expect(toggleProjectKey(full, 'P0X', false)).toHaveLength(MAX_PIPELINE_PROJECTS - 1);
  });

  it('reads hand-typed keys when Jira cannot list projects', () => {
    expect(parseProjectKeys('sales, del')).toEqual(['SALES', 'DEL']);
    expect(parseProjectKeys(' SALES;DEL  sales ,')).toEqual(['SALES', 'DEL']);
    expect(parseProjectKeys('  ')).toEqual([]);
  });
});

describe('the Renewals gadget configuration', () => {
  it('reads projects, horizon, health tiers and refresh, defaulting the horizon to 90 days and the tiers to all', () => {
    const all = ['good', 'average', 'poor', 'unknown'];
    expect(readRenewalsConfig({ projectKeys: ['CS', 'SALES'], horizonDays: 30, health: ['poor'], refreshMinutes: 15 })).toEqual({ projectKeys: ['CS', 'SALES'], horizonDays: 30, health: ['poor'], refreshMinutes: 15 });
    expect(readRenewalsConfig({ projectKey: 'SALES', horizonDays: 30 })).toEqual({ projectKeys: ['SALES'], horizonDays: 30, health: all, refreshMinutes: 0 });
    expect(readRenewalsConfig({ projectKey: 'SALES', period: 'next-90-days' })).toEqual({ projectKeys: ['SALES'], horizonDays: 90, health: all, refreshMinutes: 0 });
    expect(readRenewalsConfig({ projectKey: 'SALES', horizonDays: 45 })).toBeNull();
    expect(readRenewalsConfig({ projectKeys: ['SALES'], health: [] })).toBeNull();
    expect(readRenewalsConfig({})).toBeNull();
  });

  it('sends an input the renewals contract accepts, filtering health only when some tiers are left out', () => {
    const input = renewalsInput({ projectKeys: ['SALES'], horizonDays: 60, health: ['good', 'average', 'poor', 'unknown'], refreshMinutes: 0 });
    expect(RenewalsGadgetInput.parse(input)).toEqual({ projectKeys: ['SALES'], horizonDays: 60 });
    expect(RenewalsGadgetInput.parse(renewalsInput({ projectKeys: ['SALES', 'CS'], horizonDays: 30, health: ['poor'], refreshMinutes: 0 }))).toEqual({ projectKeys: ['SALES', 'CS'], horizonDays: 30, health: ['poor'] });
  });
});
