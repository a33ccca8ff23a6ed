/** The syntax tree of the JQL subset the sandbox understands (see ../README.md for the list). */

export type Operator = '=' | '!=' | '~' | '!~' | '<' | '>' | '<=' | '>=' | 'IN' | 'NOT IN' | 'IS' | 'IS NOT';

export type FieldRef =
  /** A field by name or alias, e.g. `status`, `relayDealId`; `name` is as written. */
  | { kind: 'name'; name: string }
  /** `issue.property[relay-deal].dealId` */
  | { kind: 'property'; propertyKey: string; path: string };

export type Operand =
  | { kind: 'value'; text: string; quoted: boolean; position: number }
  | { kind: 'function'; name: string; args: string[]; position: number }
  | { kind: 'list'; items: Array<Extract<Operand, { kind: 'value' | 'function' }>>; position: number }
  | { kind: 'empty'; position: number };

export interface Clause {
  kind: 'clause';
  field: FieldRef;
  operator: Operator;
  operand: Operand;
  position: number;
}

export type Expr = Clause | { kind: 'and'; items: Expr[] } | { kind: 'or'; items: Expr[] } | { kind: 'not'; expr: Expr };

export interface SortKey {
  field: string;
  direction: 'ASC' | 'DESC';
  position: number;
}

export interface JqlQuery {
  where?: Expr;
  orderBy: SortKey[];
}

/** Names a field the way Jira's error messages do. */
export function fieldLabel(field: FieldRef): string {
  return field.kind === 'name' ? field.name : `issue.property[${field.propertyKey}].${field.path}`;
}
