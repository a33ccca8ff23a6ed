import { z } from 'zod';
import type { AttributeType, CompiledEntity } from './entity-schema';
import { KvsErrorCode, badRequest } from './errors';

/** A value an index can order by or a condition can compare with. */
export type Scalar = string | number | boolean;

/** Orders two values of one attribute type: numbers numerically, strings by code unit, false before true. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function sameKind(a: unknown, b: Scalar): a is Scalar {
  return typeof a === typeof b;
}

export const ConditionItemSchema = z.object({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) });
export type ConditionItem = z.infer<typeof ConditionItemSchema>;
export const ConditionGroupSchema = z.object({ and: z.array(ConditionItemSchema).optional(), or: z.array(ConditionItemSchema).optional() });
export type ConditionGroup = z.infer<typeof ConditionGroupSchema>;

export const RangeConditionSchema = z.object({ condition: z.string(), values: z.array(z.unknown()) });
export type RangeCondition = z.infer<typeof RangeConditionSchema>;

const ONE_VALUE = new Set(['BEGINS_WITH', 'CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);
const NO_VALUE = new Set(['EXISTS', 'NOT_EXISTS']);
/** What `WhereConditions` in @forge/kvs can send for an index's range. */
const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function checkValueCount(condition: string, values: unknown[], property: string): void {
  if (condition === 'BETWEEN') {
    if (values.length < 2) throw badRequest(KvsErrorCode.INSUFFICIENT_FILTER_VALUES, `BETWEEN on '${property}' needs two values.`);
    if (values.length > 2) throw badRequest(KvsErrorCode.INVALID_FILTER_VALUES, `BETWEEN on '${property}' takes exactly two values.`);
  } else if (ONE_VALUE.has(condition)) {
    if (values.length !== 1) throw badRequest(KvsErrorCode.INVALID_FILTER_VALUES, `${condition} on '${property}' takes exactly one value.`);
  } else if (!NO_VALUE.has(condition)) {
    throw badRequest(KvsErrorCode.INVALID_FILTER_CONDITION, `The condition '${condition}' is not supported for filters.`);
  }
  if (!NO_VALUE.has(condition) && !values.every(isScalar)) throw badRequest(KvsErrorCode.INVALID_FILTER_VALUES, `Values of ${condition} on '${property}' must be strings, finite numbers or booleans.`);
}

type Predicate = (attribute: unknown) => boolean;

function predicateFor(condition: string, values: Scalar[]): Predicate {
  const [first, second] = values as [Scalar, Scalar];
  switch (condition) {
    case 'EXISTS':
      return (a) => a !== undefined;
    case 'NOT_EXISTS':
      return (a) => a === undefined;
    case 'EQUAL_TO':
      return (a) => a === first;
    case 'NOT_EQUAL_TO':
      return (a) => a !== first;
    case 'GREATER_THAN':
      return (a) => sameKind(a, first) && compareScalars(a, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return (a) => sameKind(a, first) && compareScalars(a, first) >= 0;
    case 'LESS_THAN':
      return (a) => sameKind(a, first) && compareScalars(a, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return (a) => sameKind(a, first) && compareScalars(a, first) <= 0;
    case 'BETWEEN':
      return (a) => sameKind(a, first) && sameKind(a, second) && compareScalars(a, first) >= 0 && compareScalars(a, second) <= 0;
    case 'BEGINS_WITH':
      return (a) => typeof a === 'string' && a.startsWith(String(first));
    case 'CONTAINS':
      return (a) => typeof a === 'string' && a.includes(String(first));
    case 'NOT_CONTAINS':
      return (a) => !(typeof a === 'string' && a.includes(String(first)));
    default:
      throw badRequest(KvsErrorCode.INVALID_FILTER_CONDITION, `The condition '${condition}' is not supported for filters.`);
  }
}

/**
 * Compiles `{and: [...]}` or `{or: [...]}` (query filters and transaction conditions share the
 * shape) into a test of an entity value. Filters may name any declared attribute except `any` ones.
 */
export function compileConditionGroup(entity: CompiledEntity, group: ConditionGroup): (value: Record<string, unknown>) => boolean {
  if (group.and !== undefined && group.or !== undefined) throw badRequest(KvsErrorCode.INVALID_FILTER_OPERATORS_COMBINATION, 'Filter operators "and" and "or" cannot be present at the same level.');
  const operator = group.and !== undefined ? 'and' : 'or';
  const items = group.and ?? group.or;
  if (!items || items.length === 0) throw badRequest(KvsErrorCode.EMPTY_FILTER_OPERATOR, 'Filter operators "and" and "or" cannot be empty.');
  const tests = items.map((item) => {
    const type = entity.attributes.get(item.property);
    if (type === undefined) throw badRequest(KvsErrorCode.INVALID_FILTER_ATTRIBUTE, `'${item.property}' is not an attribute of '${entity.name}'.`);
    if (type === 'any') throw badRequest(KvsErrorCode.INVALID_FILTER_ATTRIBUTE, `'${item.property}' has type any, which cannot be filtered on.`);
    checkValueCount(item.condition, item.values, item.property);
    const test = predicateFor(item.condition, item.values as Scalar[]);
    const property = item.property;
    return (value: Record<string, unknown>) => test(value[property]);
  });
  return operator === 'and' ? (value) => tests.every((t) => t(value)) : (value) => tests.some((t) => t(value));
}

function matchesType(type: AttributeType, value: Scalar): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  return typeof value === 'number';
}

/** A range condition, checked against the index's range attribute type, ready for the index to bound. */
export interface CheckedRange {
  condition: string;
  values: Scalar[];
}

export function checkRangeCondition(range: RangeCondition, rangeAttribute: string, rangeType: AttributeType): CheckedRange {
  if (!RANGE_CONDITIONS.has(range.condition)) throw badRequest(KvsErrorCode.INVALID_FILTER_CONDITION, `The condition '${range.condition}' cannot be used on an index range.`);
  checkValueCount(range.condition, range.values, rangeAttribute);
  const values = range.values as Scalar[];
  if (range.condition === 'BEGINS_WITH' && rangeType !== 'string') throw badRequest(KvsErrorCode.INVALID_FILTER_CONDITION, `BEGINS_WITH needs a string range; '${rangeAttribute}' is ${rangeType}.`);
  if (!values.every((v) => matchesType(rangeType, v))) throw badRequest(KvsErrorCode.INVALID_FILTER_VALUES, `Range values on '${rangeAttribute}' must be of its type (${rangeType}).`);
  return { condition: range.condition, values };
}

/** The partition values of a query, checked against the index: one per attribute, in order, of its type. */
export function partitionKeyOf(values: unknown[] | undefined, index: { name: string; partition: string[]; partitionTypes: AttributeType[] }): string {
  const given = values ?? [];
  if (given.length !== index.partition.length) {
    throw badRequest(KvsErrorCode.INVALID_PARTITION, `Index '${index.name}' is partitioned by [${index.partition.join(', ')}]: give exactly ${index.partition.length} partition value(s), in that order (got ${given.length}).`);
  }
  given.forEach((value, i) => {
    const type = index.partitionTypes[i] as AttributeType;
    if (!isScalar(value) || !matchesType(type, value)) throw badRequest(KvsErrorCode.INVALID_PARTITION, `Partition value ${i + 1} of index '${index.name}' ('${index.partition[i]}') must be of type ${type}.`);
  });
  return encodePartition(given as Scalar[]);
}

/** One string per partition; JSON keeps 1 and '1' apart, as typed attributes are. */
export function encodePartition(values: Scalar[]): string {
  return values.length === 0 ? '' : JSON.stringify(values);
}
