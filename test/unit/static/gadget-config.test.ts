import { PipelineGadgetInput, RenewalsGadgetInput } from '../../../src/contracts/metrics';
import { pipelineInput, readPipelineConfig, readRenewalsConfig, refreshIntervalMs, renewalsInput, savedProjectKey } from '../../../static/src/lib/gadget-config';

/** What the gadgets read back from Jira's stored configuration, and the one call a render makes from it. */
describe('the Pipeline gadget configuration', () => {
  it('reads a full configuration as saved by the edit view', () => {
    const saved = { projectKey: 'SALES', period: 'next-quarter', segment: { dimension: 'owner', value: 'acc-1', label: 'Sam Seller' }, targetOverrideMinor: 10_000_000, targetCurrency: 'USD', refreshMinutes: 60 };
    expect(readPipelineConfig(saved)).toEqual(saved);
  });

  it('maps the first version’s periods and defaults the refresh to off', () => {
    expect(readPipelineConfig({ projectKey: 'SALES', period: 'this-quarter' })).toEqual({ projectKey: 'SALES', period: 'quarter', refreshMinutes: 0 });
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
  });

  it('sends the contract’s input only: no label, no currency, no refresh (the resolver input is strict)', () => {
    const config = readPipelineConfig({ projectKey: 'SALES', period: 'month', segment: { dimension: 'owner', value: 'acc-1', label: 'Sam' }, targetOverrideMinor: 500, targetCurrency: 'EUR', refreshMinutes: 15 });
    if (!config) throw new Error('the configuration did not parse');
    const input = pipelineInput(config);
    expect(input).toEqual({ projectKey: 'SALES', period: 'month', segment: { dimension: 'owner', value: 'acc-1' }, targetOverrideMinor: 500 });
    expect(PipelineGadgetInput.safeParse(input).success).toBe(true);
    const bare = readPipelineConfig({ projectKey: 'SALES' });
    if (!bare) throw new Error('the configuration did not parse');
    expect(pipelineInput(bare)).toEqual({ projectKey: 'SALES', period: 'quarter' });
    expect(PipelineGadgetInput.safeParse(pipelineInput(bare)).success).toBe(true);
  });

  it('re-invokes on the chosen interval, or never on its own', () => {
    expect(refreshIntervalMs({ refreshMinutes: 0 })).toBeNull();
    expect(refreshIntervalMs({ refreshMinutes: 15 })).toBe(900_000);
    expect(refreshIntervalMs({ refreshMinutes: 60 })).toBe(3_600_000);
  });

  it('keeps the typed project key of a half-valid configuration for the edit view', () => {
    expect(savedProjectKey({ projectKey: 'SALES', period: 'bad' })).toBe('SALES');
    expect(savedProjectKey({ projectKey: 7 })).toBe('');
    expect(savedProjectKey(undefined)).toBe('');
  });
});

describe('the Renewals gadget configuration', () => {
  it('reads project and horizon, defaulting the horizon to 90 days', () => {
    expect(readRenewalsConfig({ projectKey: 'SALES', horizonDays: 30 })).toEqual({ projectKey: 'SALES', horizonDays: 30 });
    expect(readRenewalsConfig({ projectKey: 'SALES', period: 'next-90-days' })).toEqual({ projectKey: 'SALES', horizonDays: 90 });
    expect(readRenewalsConfig({ projectKey: 'SALES', horizonDays: 45 })).toBeNull();
    expect(readRenewalsConfig({})).toBeNull();
  });

  it('sends an input the renewals contract accepts', () => {
    const input = renewalsInput({ projectKey: 'SALES', horizonDays: 60 });
    expect(RenewalsGadgetInput.parse(input)).toEqual({ projectKey: 'SALES', horizonDays: 60 });
  });
});
