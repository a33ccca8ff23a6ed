import { ForgeKvsAPIError } from '@forge/kvs';
import type { z } from 'zod';
import type { CallSpec } from '../contracts/calls';
import type { Envelope, FieldError } from '../contracts/envelope';
import { platformIds, platformClock } from '../ports/registry';
import { jiraAccess } from '../adapters/jira/access';
import { dealUrlBuilder, type UseCaseContext } from '../usecases/context';
import { InvalidCursorError } from '../adapters/kvs/paging';
import { StaleVersionError, type VersionedRecord } from '../domain/conflict';
import { isReadOnly, licenseMode, type LicenseMode } from '../contracts/license';
import type { Access } from '../ports';
import { openCursor, sealCursor } from './page-cursors';
import { AppError } from './errors';
import { CALL_EFFECTS } from './call-effects';

/** The invocation facts a call may use. The acting user always comes from here, never the payload. */
export interface CallContext extends UseCaseContext {
  accountId: string;
  cloudId: string | undefined;
  moduleKey: string | undefined;
  localId: string | undefined;
  extension: Record<string, unknown>;
  /** The site's license (from the platform's context, never the payload): `inactive` is read-only. */
  license: LicenseMode;
}

export interface ResolverRequest {
  payload: unknown;
  context: Record<string, unknown>;
}

export interface DefinedCall {
  key: string;
  run(request: ResolverRequest): Promise<Envelope<unknown>>;
}

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

/**
 * The call's context from the invocation (never from the payload). Permission answers are asked of
 * Jira lazily and cached for this invocation only.
 */
function contextOf(raw: Record<string, unknown>): CallContext {
  const accountId = typeof raw.accountId === 'string' ? raw.accountId : '';
  const extension = (raw.extension && typeof raw.extension === 'object' ? raw.extension : {}) as Record<string, unknown>;
  const localId = typeof raw.localId === 'string' ? raw.localId : undefined;
  // @forge/resolver puts the platform's own license here (its backend payload), not the front end's.
  const license = licenseMode(raw.license);
  const access = jiraAccess(accountId, localId);
  return {
    accountId,
    cloudId: typeof raw.cloudId === 'string' ? raw.cloudId : undefined,
    moduleKey: typeof raw.moduleKey === 'string' ? raw.moduleKey : undefined,
    localId,
    extension,
    license,
    access: isReadOnly(license) ? readOnlyAccess(access) : access,
    dealUrl: dealUrlBuilder(typeof raw.siteUrl === 'string' ? raw.siteUrl : undefined, localId),
    clock: platformClock,
    ids: platformIds,
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
 * In read-only mode nobody may change anything, whatever Jira grants: the answers the UI reads its
 * edit controls from (`canEdit`, `canAdmin`) say no, so surfaces show records without save buttons
 * rather than buttons that fail. Reading stays as Jira allows.
 */
function readOnlyAccess(access: Access): Access {
  return {
    ...access,
    can: async (projectId, capability) => (capability === 'browse' ? access.can(projectId, capability) : false),
    canEditAnywhere: async () => false,
    grantedAmong: async (projectIds) => ({ browse: (await access.grantedAmong(projectIds)).browse, edit: [] }),
  };
}

const READ_ONLY: Envelope<never> = {
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: 'Relay is read-only on this site: its license is not active. A Jira administrator can renew it under Apps → Manage apps; everything stored stays readable meanwhile.',
    details: { reason: 'LICENSE_INACTIVE' },
  },
};

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
      // The one license check for every call: an unlicensed site reads, and writes nothing.
      if (isReadOnly(ctx.license) && CALL_EFFECTS[spec.key as keyof typeof CALL_EFFECTS] !== 'read') return READ_ONLY;
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
        // Forge's storage quota (per installation, per minute) is spent: the call changed nothing, and
        // the screen says so and offers to try again, rather than reporting a fault.
        if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 429) {
          return { ok: false, error: { code: 'RATE_LIMITED', message: 'Relay is busy right now. Nothing was changed; try again in a minute.', details: { retryAfterSeconds: 60 } } };
        }
        console.error(`[relay] ${spec.key} failed`, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } };
      }
    },
  };
}
