import type { Clause, Operator } from './ast';
import { fieldLabel } from './ast';
import type { JqlIssue, Predicate, PropertyValueType } from './environment';
import type { OperandResolver, SingleOperand } from './operands';
import { firstDate, firstNumber, valuesAtPath } from './property-values';
import { textMatches } from './text-match';

// The kinds of fields and the operators each takes: sets of values (=, !=, IN, NOT IN), ordered
// values (comparisons), text (~, !~), and entity properties, which take the operators of their
// indexed type. Every kind answers IS EMPTY / IS NOT EMPTY.

export const SET_OPERATORS: Operator[] = ['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const ORDER_OPERATORS: Operator[] = ['=', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const TEXT_OPERATORS: Operator[] = ['~', '!~', 'IS', 'IS NOT'];

export class FieldKinds {
  constructor(private readonly ops: OperandResolver) {}

  /** Fields holding a set of values (one for most, many for labels); empty sets match only EMPTY. */
  set(clause: Clause, allowed: Operator[], resolve: (value: string) => string[], values: (i: JqlIssue) => string[], userField = false): Predicate {
    if (!this.ops.checkOperator(clause, allowed)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.ops.emptiness(operator, (i) => values(i).length === 0, clause);
    const wanted = new Set(this.ops.operandValues(operand, clause, userField).flatMap(resolve));
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
        return this.ops.unsupported(clause);
    }
  }

  /** Date and number fields: comparisons; null values match only EMPTY. */
  ordered(clause: Clause, value: (i: JqlIssue) => number | null, parse: (operand: SingleOperand) => number | undefined): Predicate {
    if (!this.ops.checkOperator(clause, ORDER_OPERATORS)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.ops.emptiness(operator, (i) => value(i) === null, clause);
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
        return this.ops.unsupported(clause);
    }
  }

  text(clause: Clause, value: (i: JqlIssue) => string): Predicate {
    if (!this.ops.checkOperator(clause, TEXT_OPERATORS)) return () => false;
    const { operator, operand } = clause;
    if (operand.kind === 'empty') return this.ops.emptiness(operator, (i) => value(i).trim() === '', clause);
    if (operand.kind !== 'value') {
      this.ops.errors.push(`The '${operator}' operator of the '${fieldLabel(clause.field)}' field takes a single text value.`);
      return () => false;
    }
    const needle = operand.text;
    return operator === '~' ? (i) => textMatches(value(i), needle) : (i) => value(i).trim() !== '' && !textMatches(value(i), needle);
  }

  property(clause: Clause, propertyKey: string, path: string, type: PropertyValueType): Predicate {
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
            if (Number.isNaN(n)) this.ops.errors.push(`The value '${o.kind === 'value' ? o.text : `${o.name}()`}' is not a valid number for the field '${label}'.`);
            return Number.isNaN(n) ? undefined : n;
          },
        );
      case 'date':
        return this.ordered(clause, (i) => firstDate(raw(i)), (o) => this.ops.date(o, clause));
    }
  }
}
