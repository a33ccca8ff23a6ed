import type { KvsResponse } from '../platform/types';
import type { ConditionGroup } from './conditions';
import { compileConditionGroup } from './conditions';
import { KvsError, KvsErrorCode, badRequest, costing } from './errors';
import type { ItemStores } from './item-stores';
import { slot } from './item-stores';
import { Limits, checkKey, unitsFor } from './limits';
import type * as Req from './schemas';
import type { SetOptions } from './schemas';
import { noContent } from './wire';

/**
 * All or nothing: every operation is validated and every condition evaluated against the state
 * before the transaction, and only then is anything written.
 */
export function transact(stores: ItemStores, request: Req.TransactionRequest, raw: unknown): KvsResponse {
  type Op =
    | { kind: 'set'; key: string; entityName?: string; value: unknown; conditions?: ConditionGroup; options?: SetOptions }
    | { kind: 'delete'; key: string; entityName?: string; conditions?: ConditionGroup }
    | { kind: 'check'; key: string; entityName?: string; conditions: ConditionGroup };
  const ops: Op[] = [
    ...(request.set ?? []).map((o) => ({ ...o, kind: 'set' as const })),
    ...(request.delete ?? []).map((o) => ({ ...o, kind: 'delete' as const })),
    ...(request.check ?? []).map((o) => ({ ...o, kind: 'check' as const })),
  ];
  if (ops.length === 0) throw badRequest(KvsErrorCode.EMPTY_TRANSACTION, 'A transaction needs at least one operation.');
  if (ops.length > Limits.transactionMaxOperations) throw badRequest(KvsErrorCode.TOO_MANY_TRANSACTION_OPERATIONS, `A transaction takes at most ${Limits.transactionMaxOperations} operations (got ${ops.length}).`);
  const bytes = Buffer.byteLength(JSON.stringify(raw), 'utf8');
  if (bytes > Limits.transactionMaxBytes) throw badRequest(KvsErrorCode.TRANSACTION_TOO_LARGE, `A transaction carries at most ${Limits.transactionMaxBytes} bytes (got ${bytes}).`);
  const seen = new Set<string>();
  for (const op of ops) {
    const id = slot(op.entityName, op.key);
    if (seen.has(id)) throw badRequest(KvsErrorCode.DUPLICATE_TRANSACTION_KEY, `Key '${op.key}'${op.entityName ? ` of entity '${op.entityName}'` : ''} appears in more than one operation of the transaction.`);
    seen.add(id);
  }

  const planned = ops.map((op, position) => {
    try {
      const store = stores.storeFor(op.entityName);
      if (op.conditions && store === 'kv') throw badRequest(KvsErrorCode.BAD_REQUEST, 'Conditions need an entityName: they test custom entity attributes.');
      const test = op.conditions && store !== 'kv' ? compileConditionGroup(store.entity, op.conditions) : undefined;
      const prepared = op.kind === 'set' ? stores.prepareItem(store, op.key, op.value, op.options) : undefined;
      if (op.kind !== 'set') checkKey(op.key, store === 'kv' ? 'kvs' : 'entity');
      return { op, store, test, prepared };
    } catch (error) {
      if (error instanceof KvsError) error.details.operation = { index: position, kind: op.kind, key: op.key, ...(op.entityName ? { entityName: op.entityName } : {}) };
      throw error;
    }
  });

  const failures: Array<Record<string, unknown>> = [];
  for (const { op, store, test, prepared } of planned) {
    const existing = stores.liveItem(store, op.key);
    const where = { operation: op.kind, key: op.key, ...(op.entityName ? { entityName: op.entityName } : {}) };
    // Forge documents `check` as "the key exists and meets the conditions", and says nothing of a
    // condition on a set or delete of a key that does not exist. The stricter reading is modelled:
    // such a condition never holds (not even notExists), so an app cannot rely on either answer.
    if (!existing && (op.kind === 'check' || test)) failures.push({ ...where, reason: 'KEY_NOT_FOUND' });
    else if (test && !test((existing?.value ?? {}) as Record<string, unknown>)) failures.push({ ...where, reason: 'CONDITIONS_NOT_MET' });
    else if (prepared?.options.keyPolicy === 'FAIL_IF_EXISTS' && existing) failures.push({ ...where, reason: 'KEY_ALREADY_EXISTS' });
  }
  if (failures.length > 0) {
    const summary = failures.map((f) => `${String(f.operation)} '${String(f.key)}': ${String(f.reason)}`).join('; ');
    throw costing(new KvsError(409, KvsErrorCode.TRANSACTION_CONDITION_FAILED, `The transaction was cancelled; nothing was written (${summary}).`, { failures }), { read: ops.length, write: 0 });
  }

  let write = 0;
  let read = 0;
  for (const { op, store, prepared } of planned) {
    const existing = stores.liveItem(store, op.key);
    if (op.kind === 'set' && prepared) {
      stores.write(store, op.key, prepared.item, existing);
      write += unitsFor(prepared.item.size);
    } else if (op.kind === 'delete') {
      if (existing) stores.removeItem(store, op.key);
      write += 1;
    } else {
      read += 1;
    }
  }
  return noContent({ read, write });
}
