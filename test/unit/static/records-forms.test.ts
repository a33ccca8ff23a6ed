import { ApiError } from '../../../static/src/lib/api-error';
import { DealRecord } from '../../../src/contracts/deal';
import {
  amountFromText,
  apiFieldErrors,
  buildActivityInput,
  buildCompanyInput,
  buildContactInput,
  buildDealInput,
  conflictCurrent,
  dueAtOfDate,
  existingHolder,
  inlineDealChange,
} from '../../../static/src/project-page/records/forms';
import { aDeal } from '../../builders/deal';

const deal = { projectKey: 'SALES', name: 'Acme: rollout', companyId: '', amount: '', currency: 'EUR', closeDate: '', stageId: '', nextStep: '' };

describe('create forms', () => {
  it('builds a company input with only the fields typed, trimmed', () => {
    expect(buildCompanyInput({ name: '  Acme ', domain: ' acme.io ', industry: '', segment: 'smb', region: '' })).toEqual({ ok: true, input: { name: 'Acme', domain: 'acme.io', segment: 'smb' } });
  });

  it('puts Relay’s wording of the schema’s refusal beside the name, and a domain check beside the domain', () => {
    const built = buildCompanyInput({ name: '   ', domain: 'not a domain', industry: '', segment: '', region: '' });
    expect(built).toEqual({ ok: false, errors: { name: 'Give it a name.', domain: 'Not a domain: type something like acme.com.' } });
  });

  it('refuses an email the server would refuse, and accepts any typed form of a good one', () => {
    expect(buildContactInput({ name: 'Ana', email: 'ana@', phone: '', title: '', companyId: '' })).toEqual({ ok: false, errors: { email: 'Not an email address: type something like ana@acme.com.' } });
    expect(buildContactInput({ name: 'Ana', email: ' Ana@Acme.IO ', phone: '', title: 'CFO', companyId: 'c-1' })).toEqual({ ok: true, input: { name: 'Ana', email: 'Ana@Acme.IO', title: 'CFO', companyId: 'c-1' } });
  });

  it('turns a typed decimal amount into exact minor units of the chosen currency', () => {
    expect(buildDealInput({ ...deal, amount: '12,000.50' })).toEqual({ ok: true, input: { projectKey: 'SALES', name: 'Acme: rollout', currency: 'EUR', amountMinor: 1_200_050 } });
    expect(buildDealInput({ ...deal, amount: '1500', currency: 'JPY' })).toMatchObject({ ok: true, input: { amountMinor: 1500, currency: 'JPY' } });
  });

  it('refuses more decimals than the currency has, negative amounts and text, beside the amount field', () => {
    expect(buildDealInput({ ...deal, amount: '10.5', currency: 'JPY' })).toEqual({ ok: false, errors: { amount: 'JPY amounts have at most 0 decimal places.' } });
    expect(amountFromText('-3', 'EUR')).toEqual({ ok: false, message: 'An amount cannot be negative.' });
    expect(amountFromText('twelve', 'EUR')).toEqual({ ok: false, message: 'Not an amount: type digits, e.g. 12,000.50.' });
    expect(amountFromText('', 'EUR')).toEqual({ ok: true, amountMinor: null });
  });

  it('checks the deal with CreateDealInput: a bad close date and a blank name are reported per field', () => {
    const built = buildDealInput({ ...deal, name: '', closeDate: '2026-02-30' });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.name).toBe('Give it a name.');
    expect(built.errors.closeDate).toBe('A date as YYYY-MM-DD.');
  });
});

describe('server answers mapped onto the form', () => {
  it('keys VALIDATION fields by their last path segment', () => {
    const error = new ApiError('VALIDATION', 'Some values are not valid', 'contacts/create', [
      { path: 'email', message: 'Not an email' },
      { path: 'changes.amountMinor', message: 'Too large' },
      { path: 'email', message: 'second message is ignored' },
    ]);
    expect(apiFieldErrors(error)).toEqual({ email: 'Not an email', amountMinor: 'Too large' });
    expect(apiFieldErrors(new Error('x'))).toEqual({});
  });

  it('finds who holds a taken domain in a CONFLICT, and nothing in other errors', () => {
    const taken = new ApiError('CONFLICT', 'Acme already has the domain acme.io.', 'companies/create', [{ path: 'domain', message: 'Taken by Acme' }], { reason: 'DUPLICATE_DOMAIN', existing: { id: 'c-1', name: 'Acme', archived: false } });
    expect(existingHolder(taken)).toEqual({ id: 'c-1', name: 'Acme', archived: false });
    expect(existingHolder(new ApiError('VALIDATION', 'x', 'companies/create'))).toBeNull();
  });

  it('reads the current record of a stale-version CONFLICT only when it matches the record schema', () => {
    const current = { ...aDealRecord(), version: 7 };
    expect(conflictCurrent(new ApiError('CONFLICT', 'changed', 'deals/update', [], { current }), DealRecord)).toEqual(current);
    expect(conflictCurrent(new ApiError('CONFLICT', 'changed', 'deals/update', [], { current: { id: 'x' } }), DealRecord)).toBeNull();
  });
});

describe('inline edits and activities', () => {
  it('parses a cell’s text per field: amounts in the deal’s currency, blank clears, dates are checked', () => {
    expect(inlineDealChange('amountMinor', '15000', 'EUR')).toEqual({ ok: true, value: 1_500_000 });
    expect(inlineDealChange('amountMinor', '', 'EUR')).toEqual({ ok: true, value: null });
    expect(inlineDealChange('closeDate', '31/12/2026', 'EUR')).toEqual({ ok: false, message: 'A date as YYYY-MM-DD.' });
    expect(inlineDealChange('nextStepDue', '2026-12-31', 'EUR')).toEqual({ ok: true, value: '2026-12-31' });
    expect(inlineDealChange('name', '  ', 'EUR')).toEqual({ ok: false, message: 'A name cannot be empty.' });
    expect(inlineDealChange('nextStep', ' ', 'EUR')).toEqual({ ok: true, value: null });
  });

  it('makes a task fall due at the end of its day (UTC), and requires the due date the schema requires', () => {
    expect(dueAtOfDate('2026-12-01')).toBe(Date.UTC(2026, 11, 1, 23, 59, 59, 999));
    expect(dueAtOfDate('tomorrow')).toBeUndefined();
    expect(buildActivityInput('deal', 'd-1', { kind: 'task', subject: 'Send order form', body: '', dueDate: '' })).toEqual({ ok: false, errors: { dueAt: 'A task needs a due date' } });
    expect(buildActivityInput('deal', 'd-1', { kind: 'task', subject: 'Send order form', body: '', dueDate: '2026-12-01' })).toEqual({
      ok: true,
      input: { recordType: 'deal', recordId: 'd-1', kind: 'task', subject: 'Send order form', dueAt: Date.UTC(2026, 11, 1, 23, 59, 59, 999) },
    });
  });

  it('logs a note without a due date even if one was typed before switching kinds', () => {
    expect(buildActivityInput('company', 'c-1', { kind: 'note', subject: ' Met at expo ', body: 'Wants SSO', dueDate: '2026-12-01' })).toEqual({
      ok: true,
      input: { recordType: 'company', recordId: 'c-1', kind: 'note', subject: 'Met at expo', body: 'Wants SSO' },
    });
    expect(buildActivityInput('company', 'c-1', { kind: 'call', subject: '', body: '', dueDate: '' })).toEqual({ ok: false, errors: { subject: 'An activity needs a subject.' } });
  });
});

function aDealRecord() {
  return DealRecord.parse({ ...aDeal(), forecastCategory: 'pipeline', probability: 10 });
}
