import type { Clause, Operand, Operator } from './ast';
import { fieldLabel } from './ast';
import { DATE_FORMAT_HINT, DATE_FUNCTIONS, evaluateDateFunction, parseDateValue } from './dates';
import type { JqlEnvironment, JqlIssue, Predicate } from './environment';

// What a clause's operator and operand mean on this site: whether the field takes the operator,
// which values the operand names (projects, issues, statuses, users, dates) and the errors Jira
// lists when it names nothing.

export type SingleOperand = Exclude<Operand, { kind: 'list' | 'empty' }>;

const STATUS_CATEGORY_NAMES: Record<string, JqlIssue['statusCategory']> = {
  'to do': 'new', new: 'new', '2': 'new',
  'in progress': 'indeterminate', indeterminate: 'indeterminate', '4': 'indeterminate',
  done: 'done', complete: 'done', '3': 'done',
};

const USER_FUNCTIONS = new Set(['currentuser']);

export class OperandResolver {
  constructor(
    readonly env: JqlEnvironment,
    readonly errors: string[],
  ) {}

  checkOperator(clause: Clause, allowed: Operator[]): boolean {
    if (allowed.includes(clause.operator)) return true;
    this.errors.push(`The operator '${clause.operator}' is not supported by the '${fieldLabel(clause.field)}' field.`);
    return false;
  }

  unsupported(clause: Clause): Predicate {
    this.errors.push(`The operator '${clause.operator}' is not supported by the '${fieldLabel(clause.field)}' field.`);
    return () => false;
  }

  emptiness(operator: Operator, isEmpty: Predicate, clause: Clause): Predicate {
    if (operator === 'IS' || operator === '=') return isEmpty;
    if (operator === 'IS NOT' || operator === '!=') return (i) => !isEmpty(i);
    return this.unsupported(clause);
  }

  /** Plain values of an operand; functions other than currentUser() are refused here. */
  operandValues(operand: Exclude<Operand, { kind: 'empty' }>, clause: Clause, userField: boolean): string[] {
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

  resolveMany(value: string, found: string[], clause: Clause): string[] {
    if (found.length === 0) this.errors.push(`The value '${value}' does not exist for the field '${fieldLabel(clause.field)}'.`);
    return found;
  }

  resolveIssue(value: string, clause: Clause): string[] {
    const id = this.env.findIssue(value);
    if (id) return [id];
    const field = fieldLabel(clause.field);
    this.errors.push(/^\d+$/.test(value) ? `A value with ID '${value}' does not exist for the field '${field}'.` : `An issue with key '${value}' does not exist for field '${field}'.`);
    return [];
  }

  resolveCategory(value: string, clause: Clause): string[] {
    const category = STATUS_CATEGORY_NAMES[value.toLowerCase()];
    return category ? [category] : this.resolveMany(value, [], clause);
  }

  resolveUser(value: string, clause: Clause): string[] {
    return this.env.userExists(value) ? [value] : this.resolveMany(value, [], clause);
  }

  date(operand: SingleOperand, clause: Clause): number | undefined {
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
