import { z } from 'zod';
import { ConditionGroupSchema, ConditionItemSchema, RangeConditionSchema } from './conditions';

/**
 * The request bodies @forge/kvs 1.6 sends (node_modules/@forge/kvs/out/interfaces/kvs-api.d.ts and
 * the builders in storage-api.js, query.js, entity-query.js, transaction-api.js). Unknown fields are
 * dropped, as a JSON API would ignore them; key and value rules are checked after parsing so that
 * each breach gets its documented code rather than a generic BAD_REQUEST.
 */
export const MetadataFieldSchema = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
export type MetadataField = z.infer<typeof MetadataFieldSchema>;

const TtlSchema = z.object({ value: z.number(), unit: z.string() });
const GetOptionsSchema = z.object({ metadataFields: z.array(MetadataFieldSchema).optional() });
export const SetOptionsSchema = z.object({
  ttl: TtlSchema.optional(),
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: z.array(MetadataFieldSchema).optional(),
});
export type SetOptions = z.infer<typeof SetOptionsSchema>;

const Key = z.string();
const EntityName = z.string();

export const GetRequest = z.object({ key: Key, options: GetOptionsSchema.optional() });
export const SetRequest = z.object({ key: Key, value: z.unknown(), options: SetOptionsSchema.optional() });
export const DeleteRequest = z.object({ key: Key });

export const EntityGetRequest = GetRequest.extend({ entityName: EntityName });
export const EntitySetRequest = SetRequest.extend({ entityName: EntityName });
export const EntityDeleteRequest = DeleteRequest.extend({ entityName: EntityName });

export const QueryRequest = z.object({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z.array(ConditionItemSchema).optional(),
  options: GetOptionsSchema.optional(),
});

export const EntityQueryRequest = z.object({
  entityName: EntityName,
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: RangeConditionSchema.optional(),
  filters: ConditionGroupSchema.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().optional(),
  options: GetOptionsSchema.optional(),
});
export type EntityQueryRequest = z.infer<typeof EntityQueryRequest>;

export const BatchSetRequest = z.array(z.object({ key: Key, value: z.unknown(), entityName: EntityName.optional(), options: SetOptionsSchema.optional() }));
export const BatchGetRequest = z.array(z.object({ key: Key, entityName: EntityName.optional(), options: GetOptionsSchema.optional() }));
export const BatchDeleteRequest = z.array(z.object({ key: Key, entityName: EntityName.optional() }));

export const TransactionRequest = z.object({
  set: z.array(z.object({ key: Key, value: z.unknown(), entityName: EntityName.optional(), conditions: ConditionGroupSchema.optional(), options: SetOptionsSchema.optional() })).optional(),
  delete: z.array(z.object({ key: Key, entityName: EntityName.optional(), conditions: ConditionGroupSchema.optional() })).optional(),
  check: z.array(z.object({ key: Key, entityName: EntityName.optional(), conditions: ConditionGroupSchema })).optional(),
});
export type TransactionRequest = z.infer<typeof TransactionRequest>;
