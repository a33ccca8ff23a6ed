import type { JqlQuery } from './ast';
import { ClauseCompiler } from './clauses';
import type { JqlEnvironment, JqlIssue } from './environment';
import { compileOrder } from './order';

// A parsed query → a predicate and a comparator over JqlIssue. The work is split by part:
// clauses.ts (WHERE and field resolution), field-kinds.ts (operators per kind of field),
// operands.ts (values, functions and their errors), order.ts (ORDER BY), text-match.ts (`~`),
// property-values.ts (entity property paths), environment.ts (what a query sees of an issue and the site).

export type { JqlEnvironment, JqlIssue, PropertyValueType } from './environment';
export { valuesAtPath } from './property-values';
export { textMatches } from './text-match';

export interface CompiledJql {
  /** False for a query without a search restriction (only ORDER BY, or nothing). */
  bounded: boolean;
  matches(issue: JqlIssue): boolean;
  compare(a: JqlIssue, b: JqlIssue): number;
}

/** Every problem found in a query's fields and values, as Jira lists them in `errorMessages`. */
export class JqlValidationError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
    this.name = 'JqlValidationError';
  }
}

export function compileJql(query: JqlQuery, env: JqlEnvironment): CompiledJql {
  const errors: string[] = [];
  const compiler = new ClauseCompiler(env, errors);
  const matches = query.where ? compiler.expr(query.where) : () => true;
  const compare = compileOrder(query, errors);
  if (errors.length > 0) throw new JqlValidationError([...new Set(errors)]);
  return { bounded: query.where !== undefined, matches, compare };
}
