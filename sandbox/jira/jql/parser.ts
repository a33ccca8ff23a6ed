import type { Clause, Expr, FieldRef, JqlQuery, Operand, Operator, SortKey } from './ast';
import type { Token } from './lexer';
import { JqlSyntaxError, tokenize } from './lexer';

/**
 * A recursive-descent parser for JQL:
 *
 *   query   := [or] [ORDER BY sort {, sort}]
 *   or      := and {(OR | || | |) and}
 *   and     := not {(AND | && | &) not}
 *   not     := (NOT | !) not | '(' or ')' | clause
 *   clause  := field operator operand
 *   field   := word | string | issue.property '[' key ']' .path
 *   operand := value | function '(' [value {, value}] ')' | '(' operand {, operand} ')' | EMPTY | NULL
 *
 * Error messages follow the wording Jira uses, so an app that shows them shows what Jira would say.
 */
export function parseJql(query: string): JqlQuery {
  return new Parser(query).parseQuery();
}

const OPERATORS_HINT = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const RESERVED = new Set(['EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC', 'IN', 'IS', 'WAS', 'CHANGED']);
const HISTORY_OPERATORS = new Set(['WAS', 'CHANGED']);

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parseQuery(): JqlQuery {
    let where: Expr | undefined;
    if (!this.atEnd() && !this.isWord('ORDER')) where = this.parseOr();
    const orderBy = this.isWord('ORDER') ? this.parseOrderBy() : [];
    const rest = this.peek();
    if (rest) {
      if (where) throw this.error(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest);
      throw this.error(`Expecting a field name but got '${rest.text}'.`, rest);
    }
    return { ...(where ? { where } : {}), orderBy };
  }

  private parseOr(): Expr {
    const items = [this.parseAnd()];
    while (this.peek()?.kind === 'or') {
      this.index++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private parseAnd(): Expr {
    const items = [this.parseNot()];
    while (this.peek()?.kind === 'and') {
      this.index++;
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private parseNot(): Expr {
    const token = this.peek();
    if (token?.kind === 'not') {
      this.index++;
      return { kind: 'not', expr: this.parseNot() };
    }
    if (token?.kind === 'lparen') {
      this.index++;
      const inner = this.parseOr();
      this.expect('rparen', "')'");
      return inner;
    }
    return this.parseClause();
  }

  private parseClause(): Clause {
    const start = this.peek();
    const field = this.parseField();
    const operator = this.parseOperator();
    const operand = this.parseOperand(operator);
    return { kind: 'clause', field, operator, operand, position: start?.position ?? 0 };
  }

  private parseField(): FieldRef {
    const token = this.peek();
    if (!token) throw this.error('Expecting a field name at the end of the query.', undefined);
    if (token.kind === 'string') {
      this.index++;
      return { kind: 'name', name: token.text };
    }
    if (token.kind !== 'word' || RESERVED.has(token.text.toUpperCase())) {
      throw this.error(`Expecting a field name but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a field name.`, token);
    }
    this.index++;
    if (this.peek()?.kind !== 'lbracket') return { kind: 'name', name: token.text };
    // issue.property[key].path and cf[10010] are the two bracketed field forms.
    this.index++;
    const inner = this.peek();
    if (!inner || (inner.kind !== 'word' && inner.kind !== 'string')) throw this.error(`Expecting a property key but got '${inner?.text ?? 'the end of the query'}'.`, inner);
    this.index++;
    this.expect('rbracket', "']'");
    if (token.text.toLowerCase() !== 'issue.property') return { kind: 'name', name: `${token.text}[${inner.text}]` };
    const path = this.peek();
    if (!path || path.kind !== 'word' || !path.text.startsWith('.') || path.text.length < 2) {
      throw this.error(`Expecting a property path such as '.dealId' after 'issue.property[${inner.text}]'.`, path);
    }
    this.index++;
    return { kind: 'property', propertyKey: inner.text, path: path.text.slice(1) };
  }

  private parseOperator(): Operator {
    const token = this.peek();
    if (!token) throw this.error(`Expecting operator before the end of the query. ${OPERATORS_HINT}`, undefined);
    if (token.kind === 'op') {
      this.index++;
      return token.text as Operator;
    }
    if (token.kind === 'not' && this.isWord('IN', 1)) {
      this.index += 2;
      return 'NOT IN';
    }
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase();
      if (upper === 'IN') {
        this.index++;
        return 'IN';
      }
      if (upper === 'IS') {
        this.index++;
        if (this.peek()?.kind === 'not') {
          this.index++;
          return 'IS NOT';
        }
        return 'IS';
      }
      if (HISTORY_OPERATORS.has(upper)) {
        throw this.error(`The operator '${upper}' is not supported by the sandbox's Jira (history searches are not emulated).`, token);
      }
    }
    throw this.error(`Expecting operator but got '${token.text}'. ${OPERATORS_HINT}`, token);
  }

  private parseOperand(operator: Operator): Operand {
    const token = this.peek();
    if (!token) throw this.error('Expecting either a value, list or function before the end of the query.', undefined);
    if (operator === 'IN' || operator === 'NOT IN') {
      if (token.kind !== 'lparen') throw this.error(`Expecting '(' but got '${token.text}'.`, token);
      return this.parseList();
    }
    if (token.kind === 'lparen') return this.parseList();
    const single = this.parseSingle();
    if ((operator === 'IS' || operator === 'IS NOT') && single.kind !== 'empty') {
      throw this.error(`Expecting 'EMPTY' or 'NULL' after '${operator}' but got '${token.text}'.`, token);
    }
    return single;
  }

  private parseList(): Operand {
    const open = this.expect('lparen', "'('");
    const items: Array<Extract<Operand, { kind: 'value' | 'function' }>> = [];
    for (;;) {
      const item = this.parseSingle();
      if (item.kind === 'empty') throw this.error("'EMPTY' cannot be used inside a list.", this.tokens[this.index - 1]);
      items.push(item);
      const next = this.peek();
      if (next?.kind === 'comma') {
        this.index++;
        continue;
      }
      if (next?.kind === 'rparen') {
        this.index++;
        return { kind: 'list', items, position: open.position };
      }
      if (!next) throw this.error("Expecting ')' before the end of the query.", undefined);
      throw this.error(`Expecting ',' or ')' but got '${next.text}'.`, next);
    }
  }

  private parseSingle(): Exclude<Operand, { kind: 'list' }> {
    const token = this.peek();
    if (!token) throw this.error('Expecting either a value, list or function before the end of the query.', undefined);
    if (token.kind === 'string') {
      this.index++;
      return { kind: 'value', text: token.text, quoted: true, position: token.position };
    }
    if (token.kind !== 'word') {
      throw this.error(`Expecting either a value, list or function but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a value.`, token);
    }
    const upper = token.text.toUpperCase();
    if (upper === 'EMPTY' || upper === 'NULL') {
      this.index++;
      return { kind: 'empty', position: token.position };
    }
    if (RESERVED.has(upper)) {
      throw this.error(`Expecting either a value, list or function but got '${token.text}'. You must surround '${token.text}' in quotation marks to use it as a value.`, token);
    }
    this.index++;
    if (this.peek()?.kind !== 'lparen') return { kind: 'value', text: token.text, quoted: false, position: token.position };
    this.index++;
    const args: string[] = [];
    while (this.peek() && this.peek()!.kind !== 'rparen') {
      const arg = this.peek()!;
      if (arg.kind !== 'word' && arg.kind !== 'string') throw this.error(`Expecting a function argument but got '${arg.text}'.`, arg);
      args.push(arg.text);
      this.index++;
      if (this.peek()?.kind === 'comma') this.index++;
    }
    this.expect('rparen', "')'");
    return { kind: 'function', name: token.text, args, position: token.position };
  }

  private parseOrderBy(): SortKey[] {
    this.index++;
    if (!this.isWord('BY')) {
      const got = this.peek();
      throw this.error(got ? `Expecting 'BY' but got '${got.text}'.` : "Expecting 'BY' before the end of the query.", got);
    }
    this.index++;
    const keys: SortKey[] = [];
    for (;;) {
      const token = this.peek();
      if (!token || (token.kind !== 'word' && token.kind !== 'string')) {
        throw this.error(token ? `Expecting a field name but got '${token.text}'.` : 'Expecting a field name at the end of the query.', token);
      }
      this.index++;
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (this.isWord('ASC') || this.isWord('DESC')) {
        direction = this.peek()!.text.toUpperCase() as 'ASC' | 'DESC';
        this.index++;
      }
      keys.push({ field: token.text, direction, position: token.position });
      if (this.peek()?.kind !== 'comma') return keys;
      this.index++;
    }
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }

  private expect(kind: Token['kind'], label: string): Token {
    const token = this.peek();
    if (token?.kind === kind) {
      this.index++;
      return token;
    }
    if (!token) throw this.error(`Expecting ${label} before the end of the query.`, undefined);
    throw this.error(`Expecting ${label} but got '${token.text}'.`, token);
  }

  private error(detail: string, token: Token | undefined): JqlSyntaxError {
    return new JqlSyntaxError(detail, token?.position, this.query);
  }
}
