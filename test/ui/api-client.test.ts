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

describe('UI Kit strings', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(t('status.account', { accountId: 'a-1' })).toBe('Signed in as a-1');
    expect(t('status.account')).toBe('Signed in as {accountId}');
  });

  it('chooses singular or plural by count', () => {
    const keys = { one: 'status.checked.one', other: 'status.checked.other' } as const;
    expect(tCount(keys, 1)).toBe('Checked 1 time');
    expect(tCount(keys, 2)).toBe('Checked 2 times');
    expect(tCount(keys, 0)).toBe('Checked 0 times');
  });
});
