import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CallSpec } from '../contracts/calls';
import type { Envelope, FieldError } from '../contracts/envelope';
import { jiraAccess } from '../adapters/jira/access';
import { dealUrlBuilder, type UseCaseContext } from '../usecases/context';
import { InvalidCursorError } from '../adapters/kvs/paging';
import { StaleVersionError, type VersionedRecord } from '../domain/conflict';
import { openCursor, sealCursor } from './page-cursors';
import { AppError } from './errors';

/** The invocation facts a call may use. The acting user always comes from here, never the payload. */
export interface CallContext extends UseCaseContext {
  accountId: string;
  cloudId: string | undefined;
  moduleKey: string | undefined;
  localId: string | undefined;
  extension: Record<string, unknown>;
}

export interface ResolverRequest {
  payload: unknown;
  context: Record<string, unknown>;
}

export interface DefinedCall {
  key: string;
  run(request: ResolverRequest): Promise<Envelope<unknown>>;
}

const systemClock = { now: () => Date.now() };

/** What each versioned record is called in the one conflict message. */
const RECORD_NAMES: Record<VersionedRecord, string> = {
  deal: 'this deal',
  company: 'this company',
  contact: 'this contact',
  activity: 'this activity',
  pipeline: 'this pipeline',
  template: 'the hand-off template',
  settings: 'the site settings',
};

/** The one CONFLICT every stale write answers: the same wording, the current record in `details.current`. */
function staleVersion(error: StaleVersionError): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'CONFLICT',
      message: `Someone changed ${RECORD_NAMES[error.record]} after you opened it. Review their change and try again.`,
      details: { reason: 'STALE_VERSION', record: error.record, current: error.current },
    },
  };
}
const uuidIds = { newId: () => randomUUID() };

/**
 * The call's context from the invocation (never from the payload). Permission answers are asked of
 * Jira lazily and cached for this invocation only.
 */
function contextOf(raw: Record<string, unknown>): CallContext {
  const accountId = typeof raw.accountId === 'string' ? raw.accountId : '';
  const extension = (raw.extension && typeof raw.extension === 'object' ? raw.extension : {}) as Record<string, unknown>;
  const localId = typeof raw.localId === 'string' ? raw.localId : undefined;
  return {
    accountId,
    cloudId: typeof raw.cloudId === 'string' ? raw.cloudId : undefined,
    moduleKey: typeof raw.moduleKey === 'string' ? raw.moduleKey : undefined,
    localId,
    extension,
    access: jiraAccess(accountId, localId),
    dealUrl: dealUrlBuilder(typeof raw.siteUrl === 'string' ? raw.siteUrl : undefined, localId),
    clock: systemClock,
    ids: uuidIds,
  };
}

/** A zod issue as the envelope's field error: its code and the limits a screen words it with. */
export function fieldErrorOf(issue: z.core.$ZodIssue): FieldError {
  const params: Record<string, string | number | boolean> = {};
  for (const key of ['maximum', 'minimum', 'origin', 'format', 'inclusive', 'expected'] as const) {
    const value = (issue as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'boolean') params[key] = value;
    else if (typeof value === 'number' || typeof value === 'bigint') params[key] = Number(value);
  }
  // A refinement's own facts (`params: { reason }` in the contracts) travel too.
  if (issue.code === 'custom' && issue.params) for (const [key, value] of Object.entries(issue.params)) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params[key] = value;
  return { path: issue.path.join('.'), message: issue.message, code: issue.code, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/**
 * Defines one resolver call: parses the payload with the call's schema, refuses calls without a
 * user, runs the handler and maps every outcome to the one envelope. Handlers throw `AppError`;
 * anything else becomes INTERNAL without leaking its message.
 */
export function defineCall<C extends CallSpec>(
  spec: C,
  handler: (input: z.infer<C['input']>, ctx: CallContext) => Promise<z.input<C['result']>>,
): DefinedCall {
  return {
    key: spec.key,
    async run(request) {
      const ctx = contextOf(request.context);
      if (!ctx.accountId) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This call needs a signed-in user.' } };
      }
      const parsed = spec.input.safeParse(request.payload ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'VALIDATION',
            message: 'The request is not valid.',
            fields: parsed.error.issues.map(fieldErrorOf),
          },
        };
      }
      const input = parsed.data as Record<string, unknown>;
      try {
        // Cursors: opened here for every paged call, and sealed again on the way out (page-cursors.ts).
        const storeCursor = typeof input.cursor === 'string' ? openCursor(input.cursor, spec.key, ctx.accountId, input) : undefined;
        const data = await handler({ ...input, ...(storeCursor !== undefined ? { cursor: storeCursor } : {}) } as z.infer<C['input']>, ctx);
        const next = data && typeof data === 'object' ? (data as { nextCursor?: unknown }).nextCursor : undefined;
        if (typeof next === 'string') return { ok: true, data: { ...(data as object), nextCursor: sealCursor(next, spec.key, ctx.accountId, input) } as typeof data };
        return { ok: true, data };
      } catch (error) {
        if (error instanceof InvalidCursorError) return { ok: false, error: { code: 'VALIDATION', message: error.message, fields: [{ path: 'cursor', message: error.message }] } };
        if (error instanceof StaleVersionError) return staleVersion(error);
        if (error instanceof AppError) {
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              ...(error.fields ? { fields: error.fields } : {}),
              ...(error.details ? { details: error.details } : {}),
            },
          };
        }
        console.error(`[relay] ${spec.key} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } };
      }
    },
  };
}
