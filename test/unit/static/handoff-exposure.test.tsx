import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { DealRecord } from '../../../src/contracts/deal';
import { startHandoff } from '../../../src/domain/handoff';
import { HandoffSection } from '../../../static/src/project-page/deals/HandoffSection';
import { IssueExposure } from '../../../static/src/settings/handoff/IssueExposure';

/** Markup reduced to its text, one space between elements. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

describe('what the delivery issue exposes, in the template editor', () => {
  const render = (props: Partial<Parameters<typeof IssueExposure>[0]> = {}) =>
    renderToStaticMarkup(
      createElement(IssueExposure, { summaryTemplate: 'Deliver {{deal.name}} ({{deal.amount}})', includeContactEmails: false, project: { key: 'DEL', name: 'Delivery' }, readOnly: false, onIncludeContactEmails: () => undefined, ...props }),
    );

  it('names who can read the issue: everyone who can browse the target project', () => {
    expect(textOf(render())).toContain('Everyone who can browse Delivery (DEL) can read these deal fields on the issue');
    expect(textOf(render({ project: { key: 'OPS', name: null } }))).toContain('Everyone who can browse OPS can read');
  });

  it('lists the fields per part of the issue, following the summary template and the e-mail opt-in', () => {
    const markup = render();
    const part = (name: string) => textOf(new RegExp(`data-testid="handoff-exposure-${name}">(.*?)</dd>`).exec(markup)?.[1] ?? '');
    expect(part('summary')).toBe('Deal name Amount or ARR');
    expect(part('description')).toContain("Contacts' names and titles");
    expect(part('description')).not.toContain('e-mail');
    expect(part('property')).toBe('Deal id Company id Company name Hand-off state');
    expect(textOf(render({ includeContactEmails: true }))).toContain("Contacts' e-mail addresses");
  });
});

describe('the deal drawer’s hand-off section', () => {
  const deal = (handoff: DealRecord['handoff']) => ({ id: 'd1', handoff }) as DealRecord;
  const created = { ...startHandoff(Date.UTC(2026, 10, 2, 9), { acceptWithinBusinessHours: 16 }), state: 'created' as const, issueId: '10000', issueKey: 'DEL-1', nextAttemptAt: null };

  it('says the work was created unassigned, and why, when Jira refused the template’s assignee', () => {
    const markup = renderToStaticMarkup(
      createElement(HandoffSection, { deal: deal({ ...created, assigneeRefused: { accountId: 'acc-dana', reason: "User 'acc-dana' cannot be assigned issues." } }), locale: 'en-US', nameOf: (id: string) => (id === 'acc-dana' ? 'Dana Delivery' : id) }),
    );
    expect(textOf(markup)).toContain("Created unassigned: Jira would not assign Dana Delivery, the template's assignee. Jira said: User 'acc-dana' cannot be assigned issues.");
  });

  it('says nothing about the assignee when Jira accepted them', () => {
    const markup = renderToStaticMarkup(createElement(HandoffSection, { deal: deal(created), locale: 'en-US', nameOf: (id: string) => id }));
    expect(markup).not.toContain('deal-handoff-unassigned');
    expect(textOf(markup)).toContain('DEL-1');
  });
});
