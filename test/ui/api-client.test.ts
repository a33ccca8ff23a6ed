import { CallFailure, createApi } from '../../src/frontend/call-client';
import { t, tCount } from '../../src/frontend/i18n';

/**
 * The typed client of the UI Kit surfaces, given a transport in place of Forge's invoke (the
 * surface tests drive the real invoke; this covers answers the sandbox's resolver never gives).
 */
const status = { app: 'relay', contractVersion: 1, accountId: 'a-1', moduleKey: 'relay-deal-panel', projectKey: 'SALES', issueKey: 'SALES-1', installedAt: 1 };

describe('UI Kit api client', () => {
  it('sends the call key and returns the parsed result', async () => {
    const sent: Array<[string, unknown]> = [];
    const api = createApi(async (key, payload) => {
      sent.push([key, payload]);
      return { ok: true, data: status };
    });
    await expect(api.system.status()).resolves.toEqual(status);
    expect(sent).toEqual([['system/status', {}]]);
  });

  it('turns an error envelope into a CallFailure with its code and fields', async () => {
    const api = createApi(async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'No', fields: [{ path: 'x', message: 'bad' }] } }));
    const failure = await api.system.status().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CallFailure);
    expect(failure).toMatchObject({ code: 'FORBIDDEN', message: 'No', callKey: 'system/status', fields: [{ path: 'x', message: 'bad' }] });
  });

  it('calls a rejected invoke a PLATFORM failure', async () => {
    const api = createApi(async () => {
      throw new Error('There was an error invoking the function - timed out');
    });
    await expect(api.system.status()).rejects.toMatchObject({ code: 'PLATFORM', message: expect.stringContaining('timed out') });
  });

  it('calls an answer outside the contract a CONTRACT failure, naming the field', async () => {
    const api = createApi(async () => ({ ok: true, data: { ...status, contractVersion: 'one' } }));
    await expect(api.system.status()).rejects.toMatchObject({ code: 'CONTRACT', message: expect.stringContaining('data.contractVersion') });
  });
});

describe('the hand-off calls of the UI Kit client', () => {
  const visible = {
    linked: true, visible: true, issueKey: 'DEL-1', role: 'handoff',
    deal: { id: 'd1', name: 'Rollout', projectKey: 'SALES', amountMinor: 100, currency: 'EUR', recurring: true, outcome: 'won', scope: null, notSold: null, successCriteria: null, contractStart: null, contractEnd: null, ownerId: 'u', version: 3 },
    company: null, contacts: [], handoff: null, slaRemainingMs: null, canAccept: false, canEditDeal: true, canUnlink: true, people: [],
  };

  it('accepts each shape handoff/for-issue may answer: not linked, linked but hidden, linked and visible', async () => {
    for (const view of [{ linked: false, issueKey: 'DEL-1', canLink: true }, { linked: true, visible: false, issueKey: 'DEL-1' }, visible]) {
      const sent: unknown[] = [];
      const api = createApi(async (key, payload) => {
        sent.push([key, payload]);
        return { ok: true, data: view };
      });
      await expect(api.handoff.forIssue({ issueKey: 'DEL-1' })).resolves.toEqual(view);
      expect(sent).toEqual([['handoff/for-issue', { issueKey: 'DEL-1' }]]);
    }
  });

  it('refuses a visible view that lacks the deal, naming the contract', async () => {
    const { deal: _deal, ...withoutDeal } = visible;
    const api = createApi(async () => ({ ok: true, data: withoutDeal }));
    await expect(api.handoff.forIssue({ issueKey: 'DEL-1' })).rejects.toMatchObject({ code: 'CONTRACT', callKey: 'handoff/for-issue', message: expect.stringContaining('deal') });
  });

  it('sends each action under its own key', async () => {
    const keys: string[] = [];
    const api = createApi(async (key) => {
      keys.push(key);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    });
    const calls = [
      api.handoff.accept({ issueKey: 'DEL-1' }),
      api.handoff.unlink({ issueKey: 'DEL-1' }),
      api.handoff.link({ issueKey: 'DEL-1', dealId: 'd1' }),
      api.handoff.flagExpansion({ issueKey: 'DEL-1' }),
      api.deals.search({ projectKey: 'SALES', text: 'acme' }),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(keys).toEqual(['handoff/accept', 'handoff/unlink', 'handoff/link', 'handoff/flag-expansion', 'deals/search']);
  });
});

describe('UI Kit strings', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('deal.company', { name: 'Acme' })).toBe('Company: Acme');
    expect(t('deal.company')).toBe('Company: {name}');
  });

  it('chooses singular or plural by count', () => {
    const keys = { one: 'link.matches.one', other: 'link.matches.other' } as const;
    expect(tCount(keys, 1)).toBe('1 open deal matches');
    expect(tCount(keys, 2)).toBe('2 open deals match');
    expect(tCount(keys, 0)).toBe('0 open deals match');
  });
});
