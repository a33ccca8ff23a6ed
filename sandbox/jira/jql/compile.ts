import type { Clause, Expr, JqlQuery, Operand, Operator } from './ast';
import { fieldLabel } from './ast';
import { DATE_FORMAT_HINT, DATE_FUNCTIONS, evaluateDateFunction, parseDateValue } from './dates';

/** What a compiled query sees of an issue. The site builds one per issue it searches. */
export interface JqlIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  /** The number in the key (DEL-12 → 12). */
  number: number;
  issueTypeId: string;
  issueTypeName: string;
  statusId: string;
  statusName: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  summary: string;
  descriptionText: string;
  assigneeId: string | null;
  reporterId: string;
  creatorId: string;
  labels: string[];
  /** Due date at midnight UTC. */
  duedate: number | null;
  created: number;
  updated: number;
  parentId: string | null;
  properties: Record<string, unknown>;
}

/** Value types of a `jira:entityProperty` index, as the module declares them. */
export type PropertyValueType = 'string' | 'text' | 'number' | 'date' | 'user';

/** How names in a query resolve on this site, for the account that searches. */
export interface JqlEnvironment {
  now: number;
  /** What currentUser() means: the searching user, or the app's account for asApp() calls. */
  currentAccountId: string;
  /** Project ids for a key, id or name, among projects the searcher can browse. */
  findProjects(value: string): string[];
  /** An issue id for a key or id, among issues the searcher can browse. */
  findIssue(value: string): string | undefined;
  findStatuses(value: string): string[];
  findIssueTypes(value: string): string[];
  userExists(accountId: string): boolean;
  /** A searchAlias declared by a jira:entityProperty module. */
  aliasFor(name: string): { propertyKey: string; path: string; type: PropertyValueType } | undefined;
  /** The indexed type of issue.property[key].path, when a module indexes it. */
  indexFor(propertyKey: string, path: string): PropertyValueType | undefined;
}

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

type Predicate = (issue: JqlIssue) => boolean;
type SingleOperand = Exclude<Operand, { kind: 'list' | 'empty' }>;

const STATUS_CATEGORY_NAMES: Record<string, JqlIssue['statusCategory']> = {
  'to do': 'new', new: 'new', '2': 'new',
  'in progress': 'indeterminate', indeterminate: 'indeterminate', '4': 'indeterminate',
  done: 'done', complete: 'done', '3': 'done',
};

const USER_FUNCTIONS = new Set(['currentuser']);
const SET_OPERATORS: Operator[] = ['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const ORDER_OPERATORS: Operator[] = ['=', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const TEXT_OPERATORS: Operator[] = ['~', '!~', 'IS', 'IS NOT'];

export function compileJql(query: JqlQuery, env: JqlEnvironment): CompiledJql {
  const errors: string[] = [];
  const compiler = new ClauseCompiler(env, errors);
  const matches = query.where ? compiler.expr(query.where) : () => true;
  const compare = compileOrder(query, errors);
  if (errors.length > 0) throw new JqlValidationError([...new Set(errors)]);
  return { bounded: query.where !== undefined, matches, compare };
}

class ClauseCompiler {
  constructor(
    private readonly env: JqlEnvironment,
    private readonly errors: string[],
  ) {}

  expr(expr: Expr): Predicate {
    switch (expr.kind) {
      case 'and': {
        const parts = expr.items.map((e) => this.expr(e));
        return (issue) => parts.every((p) => p(issue));
      }
      case 'or': {
        const parts = expr.items.map((e) => this.expr(e));
        return (issue) => parts.some((p) => p(issue));
      }
      case 'not': {
        const inner = this.expr(expr.expr);
        return (issue) => !inner(issue);
      }
      case 'clause':
        return this.clause(expr);
    }
  }

  private clause(clause: Clause): Predicate {
    const { field } = clause;
    if (field.kind === 'property') {
      const type = this.env.indexFor(field.propertyKey, field.path);
      // Jira searches only indexed property values; an unindexed path matches nothing.
      if (!type) return () => false;
      return this.property(clause, field.propertyKey, field.path, type);
    }
    const name = field.name.toLowerCase();
    switch (name) {
      case 'project':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveMany(v, this.env.findProjects(v), clause), (i) => [i.projectId]);
      case 'key':
      case 'issuekey':
      case 'issue':
      case 'id':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveIssue(v, clause), (i) => [i.id]);
      case 'parent':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveIssue(v, clause), (i) => (i.parentId ? [i.parentId] : []));
      case 'status':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveMany(v, this.env.findStatuses(v), clause), (i) => [i.statusId]);
      case 'statuscategory':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveCategory(v, clause), (i) => [i.statusCategory]);
      case 'issuetype':
      case 'type':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveMany(v, this.env.findIssueTypes(v), clause), (i) => [i.issueTypeId]);
      case 'assignee':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveUser(v, clause), (i) => (i.assigneeId ? [i.assigneeId] : []), true);
      case 'reporter':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveUser(v, clause), (i) => [i.reporterId], true);
      case 'creator':
        return this.set(clause, SET_OPERATORS, (v) => this.resolveUser(v, clause), (i) => [i.creatorId], true);
      case 'labels':
      case 'label':
        return this.set(clause, SET_OPERATORS, (v) => [v], (i) => i.labels);
      case 'summary':
        return this.text(clause, (i) => i.summary);
      case 'description':
        return this.text(clause, (i) => i.descriptionText);
      case 'text':
        return this.text(clause, (i) => `${i.summary} ${i.descriptionText}`);
      case 'created':
      case 'createddate':
        return this.ordered(clause, (i) => i.created, (v) => this.date(v, clause));
      case 'updated':
      case 'updateddate':
        return this.ordered(clause, (i) => i.updated, (v) => this.date(v, clause));
      case 'duedate':
      case 'due':
        return this.ordered(clause, (i) => i.duedate, (v) => this.date(v, clause));
    }
    const alias = this.env.aliasFor(field.name);
    if (alias) return this.property(clause, alias.propertyKey, alias.path, alias.type);
    this.errors.push(`Field '${field.name}' does not exist or you do not have permission to view it.`);
    return () => false;
  }

  // ------------------------------------------------------------------ kinds of fields

  /** Fields holding a set of values (one for most, many for labels); empty sets match only EMPTY. */
  private set(clause: Clause, allowed: Operator[], resolve: (value: string) => string[], values: (i: JqlIssue) => string[], userField = false): Predicate {
    if (!this.checkOperator(clause, allowed)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.emptiness(operator, (i) => values(i).length === 0, clause);
    const wanted = new Set(this.operandValues(operand, clause, userField).flatMap(resolve));
    const hit = (i: JqlIssue) => values(i).some((v) => wanted.has(v));
    switch (operator) {
      case '=':
      case 'IN':
        return hit;
      case '!=':
      case 'NOT IN':
        // Jira's negative operators never match an issue whose field is empty.
        return (i) => values(i).length > 0 && !hit(i);
      default:
        return this.unsupported(clause);
    }
  }

  /** Date and number fields: comparisons; null values match only EMPTY. */
  private ordered(clause: Clause, value: (i: JqlIssue) => number | null, parse: (operand: SingleOperand) => number | undefined): Predicate {
    if (!this.checkOperator(clause, ORDER_OPERATORS)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.emptiness(operator, (i) => value(i) === null, clause);
    const targets = (operand.kind === 'list' ? operand.items : [operand]).map((o) => parse(o)).filter((n): n is number => n !== undefined);
    const test = (i: JqlIssue, check: (v: number) => boolean) => {
      const v = value(i);
      return v !== null && check(v);
    };
    const first = targets[0] ?? NaN;
    switch (operator) {
      case '=':
        return (i) => test(i, (v) => v === first);
      case '!=':
        return (i) => test(i, (v) => v !== first);
      case '<':
        return (i) => test(i, (v) => v < first);
      case '>':
        return (i) => test(i, (v) => v > first);
      case '<=':
        return (i) => test(i, (v) => v <= first);
      case '>=':
        return (i) => test(i, (v) => v >= first);
      case 'IN':
        return (i) => test(i, (v) => targets.includes(v));
      case 'NOT IN':
        return (i) => test(i, (v) => !targets.includes(v));
      default:
        return this.unsupported(clause);
    }
  }

  private text(clause: Clause, value: (i: JqlIssue) => string): Predicate {
    if (!this.checkOperator(clause, TEXT_OPERATORS)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.emptiness(operator, (i) => value(i).trim() === '', clause);
    if (operand.kind !== 'value') {
      this.errors.push(`The '${operator}' operator of the '${fieldLabel(clause.field)}' field takes a single text value.`);
      return () => false;
    }
    const needle = operand.text;
    return operator === '~' ? (i) => textMatches(value(i), needle) : (i) => value(i).trim() !== '' && !textMatches(value(i), needle);
  }

  private property(clause: Clause, propertyKey: string, path: string, type: PropertyValueType): Predicate {
    const raw = (i: JqlIssue) => valuesAtPath(i.properties[propertyKey], path);
    const label = fieldLabel(clause.field);
    switch (type) {
      case 'string':
      case 'user':
        return this.set(clause, SET_OPERATORS, (v) => [v], (i) => raw(i).map(String));
      case 'text':
        return this.text(clause, (i) => raw(i).map(String).join(' '));
      case 'number':
        return this.ordered(
          clause,
          (i) => firstNumber(raw(i)),
          (o) => {
            const n = o.kind === 'value' ? Number(o.text) : NaN;
            if (Number.isNaN(n)) this.errors.push(`The value '${o.kind === 'value' ? o.text : `${o.name}()`}' is not a valid number for the field '${label}'.`);
            return Number.isNaN(n) ? undefined : n;
          },
        );
      case 'date':
        return this.ordered(clause, (i) => firstDate(raw(i)), (o) => this.date(o, clause));
    }
  }

  // ------------------------------------------------------------------ operands

  private checkOperator(clause: Clause, allowed: Operator[]): boolean {
    if (allowed.includes(clause.operator)) return true;
    this.errors.push(`The operator '${clause.operator}' is not supported by the '${fieldLabel(clause.field)}' field.`);
    return false;
  }

  private unsupported(clause: Clause): Predicate {
    this.errors.push(`The operator '${clause.operator}' is not supported by the '${fieldLabel(clause.field)}' field.`);
    return () => false;
  }

  private emptiness(operator: Operator, isEmpty: Predicate, clause: Clause): Predicate {
    if (operator === 'IS' || operator === '=') return isEmpty;
    if (operator === 'IS NOT' || operator === '!=') return (i) => !isEmpty(i);
    return this.unsupported(clause);
  }

  /** Plain values of an operand; functions other than currentUser() are refused here. */
  private operandValues(operand: Exclude<Operand, { kind: 'empty' }>, clause: Clause, userField: boolean): string[] {
    const items = operand.kind === 'list' ? operand.items : [operand];
    const out: string[] = [];
    for (const item of items) {
      if (item.kind === 'value') {
        out.push(item.text);
        continue;
      }
      const fn = item.name.toLowerCase();
      if (userField && USER_FUNCTIONS.has(fn)) out.push(this.env.currentAccountId);
      else this.functionError(item, clause);
    }
    return out;
  }

  private functionError(fn: Extract<Operand, { kind: 'function' }>, clause: Clause): void {
    const known = USER_FUNCTIONS.has(fn.name.toLowerCase()) || fn.name.toLowerCase() in DATE_FUNCTIONS;
    this.errors.push(known ? `The function '${fn.name}' is not supported by the '${fieldLabel(clause.field)}' field.` : `Unable to find JQL function '${fn.name}(${fn.args.join(', ')})'.`);
  }

  private resolveMany(value: string, found: string[], clause: Clause): string[] {
    if (found.length === 0) this.errors.push(`The value '${value}' does not exist for the field '${fieldLabel(clause.field)}'.`);
    return found;
  }

  private resolveIssue(value: string, clause: Clause): string[] {
    const id = this.env.findIssue(value);
    if (id) return [id];
    const field = fieldLabel(clause.field);
    this.errors.push(/^\d+$/.test(value) ? `A value with ID '${value}' does not exist for the field '${field}'.` : `An issue with key '${value}' does not exist for field '${field}'.`);
    return [];
  }

  private resolveCategory(value: string, clause: Clause): string[] {
    const category = STATUS_CATEGORY_NAMES[value.toLowerCase()];
    return category ? [category] : this.resolveMany(value, [], clause);
  }

  private resolveUser(value: string, clause: Clause): string[] {
    return this.env.userExists(value) ? [value] : this.resolveMany(value, [], clause);
  }

  private date(operand: SingleOperand, clause: Clause): number | undefined {
    const field = fieldLabel(clause.field);
    if (operand.kind === 'function') {
      const value = evaluateDateFunction(operand.name, operand.args, this.env.now);
      if (value === undefined) this.functionError(operand, clause);
      return value;
    }
    const value = parseDateValue(operand.text, this.env.now);
    if (value === undefined) this.errors.push(`Date value '${operand.text}' for field '${field}' is invalid. ${DATE_FORMAT_HINT}`);
    return value;
  }
}

// ------------------------------------------------------------------ ORDER BY

type Comparator = (a: JqlIssue, b: JqlIssue) => number;

const byNumber = (get: (i: JqlIssue) => number | null): Comparator => (a, b) => {
  const x = get(a);
  const y = get(b);
  if (x === y) return 0;
  // Empty values sort after every value in ascending order.
  if (x === null) return 1;
  if (y === null) return -1;
  return x - y;
};
const byText = (get: (i: JqlIssue) => string): Comparator => (a, b) => get(a).localeCompare(get(b), 'en', { sensitivity: 'base' });
const byKey: Comparator = (a, b) => a.projectKey.localeCompare(b.projectKey) || a.number - b.number;
const byId: Comparator = (a, b) => Number(a.id) - Number(b.id);
const CATEGORY_ORDER = { new: 0, indeterminate: 1, done: 2 } as const;

const SORTABLE: Record<string, Comparator> = {
  key: byKey,
  issuekey: byKey,
  id: byId,
  created: byNumber((i) => i.created),
  updated: byNumber((i) => i.updated),
  duedate: byNumber((i) => i.duedate),
  summary: byText((i) => i.summary),
  status: byText((i) => i.statusName),
  statuscategory: (a, b) => CATEGORY_ORDER[a.statusCategory] - CATEGORY_ORDER[b.statusCategory],
  issuetype: byText((i) => i.issueTypeName),
  type: byText((i) => i.issueTypeName),
  project: byText((i) => i.projectKey),
};

function compileOrder(query: JqlQuery, errors: string[]): Comparator {
  // Without ORDER BY the newest issues come first (assumed; the enhanced search does not document its default).
  const keys = query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', direction: 'DESC' as const, position: 0 }];
  const parts: Comparator[] = [];
  for (const key of keys) {
    const cmp = SORTABLE[key.field.toLowerCase()];
    if (!cmp) {
      errors.push(`Not able to sort using field '${key.field}'.`);
      continue;
    }
    parts.push(key.direction === 'DESC' ? (a, b) => cmp(b, a) : cmp);
  }
  // A total order keeps pages stable: the last tie-break is the issue id, newest first.
  parts.push((a, b) => byId(b, a));
  return (a, b) => {
    for (const cmp of parts) {
      const r = cmp(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

// ------------------------------------------------------------------ text and properties

const WORD = /[\p{L}\p{N}_]+\*?/gu;

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/u, '') || word;
}

/**
 * Jira's `~` is a full-text match: every word of the query must occur in the field (in any order,
 * with light stemming), `word*` matches a prefix, and a query in escaped quotes matches as a phrase.
 */
export function textMatches(haystack: string, query: string): boolean {
  const text = haystack.toLowerCase();
  const trimmed = query.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    const phrase = trimmed.slice(1, -1).toLowerCase().replace(/\s+/g, ' ').trim();
    return phrase.length > 0 && text.replace(/\s+/g, ' ').includes(phrase);
  }
  const terms = trimmed.toLowerCase().match(WORD) ?? [];
  if (terms.length === 0) return false;
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return terms.every((term) => {
    if (term.endsWith('*')) {
      const prefix = term.slice(0, -1);
      return words.some((w) => w.startsWith(prefix));
    }
    const wanted = stem(term);
    return words.some((w) => w === term || stem(w) === wanted);
  });
}

/** Values under a dotted path of a property value; arrays contribute each element, as Jira indexes them. */
export function valuesAtPath(value: unknown, path: string): Array<string | number | boolean> {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    current = current.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && segment in v ? [(v as Record<string, unknown>)[segment]] : []));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

function firstNumber(values: Array<string | number | boolean>): number | null {
  for (const v of values) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isNaN(n)) return n;
  }
  return null;
}

function firstDate(values: Array<string | number | boolean>): number | null {
  for (const v of values) {
    const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isNaN(ms)) return ms;
  }
  return null;
}

