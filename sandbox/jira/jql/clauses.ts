import type { Clause, Expr } from './ast';
import type { JqlEnvironment, Predicate } from './environment';
import { FieldKinds, SET_OPERATORS } from './field-kinds';
import { OperandResolver } from './operands';

// The WHERE part of a query: AND / OR / NOT, and each clause's field resolved to what it reads of
// an issue (a built-in field, an entity property, or a property's search alias).

export class ClauseCompiler {
  private readonly ops: OperandResolver;
  private readonly kinds: FieldKinds;

  constructor(
    private readonly env: JqlEnvironment,
    private readonly errors: string[],
  ) {
    this.ops = new OperandResolver(env, errors);
    this.kinds = new FieldKinds(this.ops);
  }

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
      return this.kinds.property(clause, field.propertyKey, field.path, type);
    }
    const name = field.name.toLowerCase();
    switch (name) {
      case 'project':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveMany(v, this.env.findProjects(v), clause), (i) => [i.projectId]);
      case 'key':
      case 'issuekey':
      case 'issue':
      case 'id':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveIssue(v, clause), (i) => [i.id]);
      case 'parent':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveIssue(v, clause), (i) => (i.parentId ? [i.parentId] : []));
      case 'status':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveMany(v, this.env.findStatuses(v), clause), (i) => [i.statusId]);
      case 'statuscategory':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveCategory(v, clause), (i) => [i.statusCategory]);
      case 'issuetype':
      case 'type':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveMany(v, this.env.findIssueTypes(v), clause), (i) => [i.issueTypeId]);
      case 'assignee':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveUser(v, clause), (i) => (i.assigneeId ? [i.assigneeId] : []), true);
      case 'reporter':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveUser(v, clause), (i) => [i.reporterId], true);
      case 'creator':
        return this.kinds.set(clause, SET_OPERATORS, (v) => this.ops.resolveUser(v, clause), (i) => [i.creatorId], true);
      case 'labels':
      case 'label':
        return this.kinds.set(clause, SET_OPERATORS, (v) => [v], (i) => i.labels);
      case 'summary':
        return this.kinds.text(clause, (i) => i.summary);
      case 'description':
        return this.kinds.text(clause, (i) => i.descriptionText);
      case 'text':
        return this.kinds.text(clause, (i) => `${i.summary} ${i.descriptionText}`);
      case 'created':
      case 'createddate':
        return this.kinds.ordered(clause, (i) => i.created, (v) => this.ops.date(v, clause));
      case 'updated':
      case 'updateddate':
        return this.kinds.ordered(clause, (i) => i.updated, (v) => this.ops.date(v, clause));
      case 'duedate':
      case 'due':
        return this.kinds.ordered(clause, (i) => i.duedate, (v) => this.ops.date(v, clause));
    }
    const alias = this.env.aliasFor(field.name);
    if (alias) return this.kinds.property(clause, alias.propertyKey, alias.path, alias.type);
    this.errors.push(`Field '${field.name}' does not exist or you do not have permission to view it.`);
    return () => false;
  }
}
