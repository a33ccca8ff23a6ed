import { Calls, CONTRACT_VERSION } from '../contracts/calls';
import { ensureInstallRecord } from '../adapters/kvs/install-repository';
import { defineCall } from './define-call';

function stringAt(source: Record<string, unknown>, path: string[]): string | null {
  let current: unknown = source;
  for (const part of path) {
    if (!current || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  return typeof current === 'string' ? current : null;
}

export const systemCalls = [
  defineCall(Calls.system.status, async (_input, ctx) => {
    const { installedAt } = await ensureInstallRecord(ctx.clock.now());
    return {
      app: 'relay' as const,
      contractVersion: CONTRACT_VERSION,
      accountId: ctx.accountId,
      moduleKey: ctx.moduleKey ?? '',
      projectKey: stringAt(ctx.extension, ['project', 'key']),
      issueKey: stringAt(ctx.extension, ['issue', 'key']),
      installedAt,
    };
  }),
];
