import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { handoffDescription, type IssueWords } from '../../../src/domain/delivery-issue';
import type { Deal } from '../../../src/domain/deal';
import { plainText, renderAdf, safeHref } from '../../../static/src/settings/handoff/adf';

/** The preview's ADF renderer (static/src/settings/handoff/adf.tsx): markup from documents, no browser. */
function html(doc: unknown): string {
  return renderToStaticMarkup(createElement('div', null, ...renderAdf(doc)));
}

const english = (JSON.parse(readFileSync(path.resolve(__dirname, '../../../locales/en-US.json'), 'utf8')) as { issueText: IssueWords }).issueText;
const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

describe('renderAdf', () => {
  it('draws paragraphs, headings at their level, and strong / em / code marks', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Scope')] },
        { type: 'paragraph', content: [text('Company: ', [{ type: 'strong' }]), text('Acme'), { type: 'hardBreak' }, text('x', [{ type: 'em' }, { type: 'code' }])] },
      ],
    };
    expect(html(doc)).toBe('<div><h2><span>Scope</span></h2><p><span><strong>Company: </strong></span><span>Acme</span><br/><span><code><em>x</em></code></span></p></div>');
  });

  it('draws bullet and ordered lists with their items', () => {
    const item = (value: string) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [text(value)] }] });
    const doc = { type: 'doc', content: [{ type: 'bulletList', content: [item('Ana'), item('Ben')] }, { type: 'orderedList', content: [item('first')] }] };
    expect(html(doc)).toBe('<div><ul><li><p><span>Ana</span></p></li><li><p><span>Ben</span></p></li></ul><ol><li><p><span>first</span></p></li></ol></div>');
  });

  it('opens http(s) links in a new tab and never turns a script URL into a link', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('deal', [{ type: 'link', attrs: { href: 'https://relay.example/deals/1' } }])] },
        { type: 'paragraph', content: [text('bad', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])] },
      ],
    };
    const markup = html(doc);
    expect(markup).toContain('<a href="https://relay.example/deals/1" target="_blank" rel="noopener noreferrer">deal</a>');
    expect(markup).toContain('<p><span>bad</span></p>');
    expect(markup).not.toContain('javascript:');
    expect(safeHref(' mailto:a@b.example ')).toBe('mailto:a@b.example');
    expect(safeHref('data:text/html,x')).toBeNull();
  });

  it('escapes text as text, so markup in a deal field stays visible characters', () => {
    expect(html({ type: 'doc', content: [{ type: 'paragraph', content: [text('<img src=x onerror=alert(1)>')] }] })).toBe('<div><p><span>&lt;img src=x onerror=alert(1)&gt;</span></p></div>');
  });

  it('shows the text of nodes it has no drawing for, and nothing for what is not a document', () => {
    const doc = { type: 'doc', content: [{ type: 'panel', content: [{ type: 'paragraph', content: [text('inside '), text('a panel')] }] }, { type: 'mediaSingle' }] };
    expect(html(doc)).toBe('<div><p>inside a panel</p></div>');
    expect(renderAdf({ type: 'paragraph', content: [] })).toEqual([]);
    expect(renderAdf(null)).toEqual([]);
    expect(plainText({ type: 'heading', content: [text('A'), text('B')] })).toBe('AB');
  });

  it('draws the description the server builds for a hand-off, headings and link included', () => {
    const deal = { name: 'Acme: Platform', recurring: true, contractStart: '2027-01-01', contractEnd: null, scope: 'SSO', notSold: null, successCriteria: '80% WAU', stakeholders: null, closeDate: '2026-12-01' } as unknown as Deal;
    const doc = handoffDescription({ deal, companyName: 'Acme', contacts: [{ name: 'Ana', title: 'CFO', email: null }], dealUrl: 'https://site.example/deal/1', amountText: '€48,000.00' }, english);
    const markup = html(doc);
    expect(markup).toContain('<h3><span>Scope</span></h3><p><span>SSO</span></p>');
    expect(markup).toContain('<a href="https://site.example/deal/1" target="_blank" rel="noopener noreferrer">Acme: Platform</a>');
    expect(markup).toContain('<span><strong>ARR: </strong></span><span>€48,000.00</span>');
    expect(markup).toContain('<ul><li><p><span>Ana · CFO</span></p></li></ul>');
  });
});
