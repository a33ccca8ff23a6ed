import { z } from 'zod';
import type { EntityDefinition } from '../platform/types';
import { KvsErrorCode, badRequest } from './errors';

export type AttributeType = EntityDefinition['attributes'][string]['type'];

/** An index as the service uses it: every index has one range attribute and zero or more partition attributes. */
export interface CompiledIndex {
  name: string;
  partition: string[];
  range: string;
  rangeType: AttributeType;
  partitionTypes: AttributeType[];
}

export interface CompiledEntity {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, CompiledIndex>;
}

const AttributeTypeSchema = z.enum(['string', 'boolean', 'float', 'integer', 'any']);
const IndexSchema = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), range: z.array(z.string()).length(1), partition: z.array(z.string()).optional() }),
]);
const EntitySchema = z.object({
  name: z.string().min(1),
  attributes: z.record(z.string(), z.object({ type: AttributeTypeSchema })),
  indexes: z.array(IndexSchema).optional(),
});
const ManifestSchema = z.object({
  app: z.object({ storage: z.object({ entities: z.array(EntitySchema).optional() }).optional() }).optional(),
});

/** The custom entity definitions of a parsed manifest.yml (`app.storage.entities`); none when absent. */
export function entitiesFromManifest(manifest: unknown): EntityDefinition[] {
  const parsed = ManifestSchema.parse(manifest);
  return (parsed.app?.storage?.entities ?? []) as EntityDefinition[];
}

/**
 * Turns manifest definitions into lookup tables and refuses definitions Forge would refuse at
 * deploy (an index over an unknown or `any` attribute), so a bad manifest fails loudly here too.
 */
export function compileEntities(definitions: EntityDefinition[]): Map<string, CompiledEntity> {
  const compiled = new Map<string, CompiledEntity>();
  for (const raw of definitions) {
    const definition = EntitySchema.parse(raw);
    if (compiled.has(definition.name)) throw new Error(`Custom entity '${definition.name}' is defined twice`);
    const attributes = new Map<string, AttributeType>(Object.entries(definition.attributes).map(([name, spec]) => [name, spec.type]));
    const indexes = new Map<string, CompiledIndex>();
    for (const index of definition.indexes ?? []) {
      const spec = typeof index === 'string' ? { name: index, partition: [], range: index } : { name: index.name, partition: index.partition ?? [], range: index.range[0] as string };
      const typeOf = (attribute: string): AttributeType => {
        const type = attributes.get(attribute);
        if (type === undefined) throw new Error(`Index '${spec.name}' of entity '${definition.name}' uses undefined attribute '${attribute}'`);
        if (type === 'any') throw new Error(`Index '${spec.name}' of entity '${definition.name}' uses attribute '${attribute}' of type any, which cannot be indexed`);
        return type;
      };
      if (indexes.has(spec.name)) throw new Error(`Entity '${definition.name}' has two indexes named '${spec.name}'`);
      indexes.set(spec.name, { ...spec, rangeType: typeOf(spec.range), partitionTypes: spec.partition.map(typeOf) });
    }
    compiled.set(definition.name, { name: definition.name, attributes, indexes });
  }
  return compiled;
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/** The float range Atlassian documents (0, or a magnitude the backing store can hold). */
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAX_MAGNITUDE = 1e126;

/** Why `value` is not a valid value of `type`, or undefined when it is. */
export function attributeTypeProblem(type: AttributeType, value: unknown): string | undefined {
  switch (type) {
    case 'any':
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      return value < INT32_MIN || value > INT32_MAX ? `must be a 32-bit signed integer (${INT32_MIN}..${INT32_MAX})` : undefined;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      const magnitude = Math.abs(value);
      return value === 0 || (magnitude >= FLOAT_MIN_MAGNITUDE && magnitude < FLOAT_MAX_MAGNITUDE) ? undefined : 'must be 0 or have a magnitude between 1e-130 and 1e126';
    }
  }
}

const indexed = new WeakMap<CompiledEntity, Set<string>>();

/** Every attribute some index of the entity partitions or sorts by. */
function indexedAttributes(entity: CompiledEntity): Set<string> {
  let names = indexed.get(entity);
  if (!names) {
    names = new Set([...entity.indexes.values()].flatMap((index) => [...index.partition, index.range]));
    indexed.set(entity, names);
  }
  return names;
}

/** Refuses an entity value with an undeclared attribute, an attribute of the wrong type, or an empty index attribute. */
export function checkEntityValue(entity: CompiledEntity, value: unknown): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(KvsErrorCode.INVALID_ENTITY_VALUE, `A '${entity.name}' entity value must be an object of its attributes.`);
  }
  const problems: Array<{ attribute: string; problem: string }> = [];
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const type = entity.attributes.get(attribute);
    if (type === undefined) {
      problems.push({ attribute, problem: `is not an attribute of '${entity.name}'` });
      continue;
    }
    const problem = attributeTypeProblem(type, attributeValue);
    if (problem) problems.push({ attribute, problem: `${problem} (declared ${type})` });
    // Undocumented whether an index key may be an empty string; stores like Forge's often refuse
    // one, so the sandbox does too (the stricter choice).
    else if (attributeValue === '' && indexedAttributes(entity).has(attribute)) problems.push({ attribute, problem: 'is an index attribute and must not be an empty string' });
  }
  if (problems.length > 0) {
    const summary = problems.map((p) => `'${p.attribute}' ${p.problem}`).join('; ');
    throw badRequest(KvsErrorCode.INVALID_ENTITY_VALUE, `Entity values must match the types defined for '${entity.name}': ${summary}.`, { attributes: problems });
  }
}
