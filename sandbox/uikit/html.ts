import type { ForgeNode } from './forge-doc';

/**
 * A small HTML preview of a UI Kit tree for the shell page. It is a labelled preview, not Atlassian's
 * renderer: each common component maps to one plain element with a `data-forge-type` and the
 * reconciler's `data-forge-key`, so the shell can map a click back to the node's handler. Every
 * text and attribute is escaped; links keep only http(s), mailto and relative addresses.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

const HEADING_LEVEL: Record<string, number> = { xxlarge: 1, xlarge: 1, large: 2, medium: 3, small: 4, xsmall: 5, xxsmall: 6 };

function attr(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined || value === false) return '';
  if (value === true) return ` ${name}`;
  return ` ${name}="${escapeHtml(String(value))}"`;
}

function safeHref(value: unknown): string {
  if (typeof value !== 'string') return '#';
  const href = value.trim();
  if (/^(https?:|mailto:)/i.test(href)) return href;
  // Relative addresses are fine; any other scheme (javascript:, data:) is not.
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return '#';
  return href;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function headingLevel(node: ForgeNode): number {
  const as = str(node.props.as);
  const fromAs = as && /^h[1-6]$/.test(as) ? Number(as.slice(1)) : undefined;
  return fromAs ?? HEADING_LEVEL[str(node.props.size) ?? ''] ?? 2;
}

function children(node: ForgeNode): string {
  return node.children.map(renderNode).join('');
}

function element(tag: string, node: ForgeNode, extra: string, inner: string): string {
  const base = `${attr('data-forge-type', node.type)}${attr('data-forge-key', node.key)}`;
  return `<${tag}${base}${extra}>${inner}</${tag}>`;
}

function renderTable(node: ForgeNode): string {
  const part = (name: string) => node.children.find((child) => child.type === 'ContentWrapper' && child.props.name === name);
  const cells = (row: ForgeNode, tag: 'th' | 'td') => row.children.filter((c) => c.type === 'Cell').map((cell) => element(tag, cell, '', children(cell))).join('');
  const head = part('head');
  const rows = part('rows');
  const caption = str(node.props.caption);
  const thead = head && head.children.length > 0 ? `<thead><tr>${cells(head, 'th')}</tr></thead>` : '';
  const tbody = `<tbody>${(rows?.children ?? []).filter((r) => r.type === 'Row').map((row) => element('tr', row, '', cells(row, 'td'))).join('')}</tbody>`;
  const empty = rows && rows.children.length === 0 && str(node.props.emptyView) ? `<p class="forge-empty">${escapeHtml(str(node.props.emptyView) ?? '')}</p>` : '';
  return element('table', node, ' class="forge-table"', `${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}${thead}${tbody}`) + empty;
}

function renderNode(node: ForgeNode): string {
  const p = node.props;
  switch (node.type) {
    case 'String':
      return escapeHtml(String(p.text ?? ''));
    case 'Root':
      return element('div', node, ' class="forge-root"', children(node));
    case 'Stack':
      return element('div', node, ' class="forge-stack" style="display:flex;flex-direction:column;gap:8px"', children(node));
    case 'Inline':
      return element('div', node, ' class="forge-inline" style="display:flex;flex-wrap:wrap;gap:8px;align-items:center"', children(node));
    case 'Box':
      return element('div', node, ' class="forge-box"', children(node));
    case 'Heading': {
      const level = headingLevel(node);
      return element(`h${level}`, node, '', children(node));
    }
    case 'Text':
      return element('p', node, '', children(node));
    case 'Strong':
      return element('strong', node, '', children(node));
    case 'Em':
      return element('em', node, '', children(node));
    case 'Code':
      return element('code', node, '', children(node));
    case 'Button':
    case 'LoadingButton': {
      const busy = p.isLoading === true;
      return element('button', node, `${attr('type', 'button')}${attr('disabled', p.isDisabled === true || busy)}${attr('aria-busy', busy ? 'true' : undefined)}${attr('class', `forge-button forge-button-${str(p.appearance) ?? 'default'}`)}`, children(node));
    }
    case 'LinkButton':
    case 'Link':
      return element('a', node, `${attr('href', safeHref(p.href))}${p.openNewTab === true || p.target === '_blank' ? ' target="_blank" rel="noopener noreferrer"' : ''}`, children(node));
    case 'Lozenge':
      return element('span', node, attr('class', `forge-lozenge forge-lozenge-${str(p.appearance) ?? 'default'}`), children(node));
    case 'Badge':
      return element('span', node, ' class="forge-badge"', children(node));
    case 'SectionMessage': {
      const title = str(p.title);
      const appearance = str(p.appearance) ?? 'information';
      return element('section', node, `${attr('class', `forge-section-message forge-${appearance}`)}${attr('role', appearance === 'error' || appearance === 'warning' ? 'alert' : 'status')}`, `${title ? `<h4>${escapeHtml(title)}</h4>` : ''}${children(node)}`);
    }
    case 'Spinner':
      return element('span', node, `${attr('role', 'progressbar')}${attr('aria-label', str(p.label) ?? 'Loading')} class="forge-spinner"`, '…');
    case 'User':
      return element('span', node, ' class="forge-user"', escapeHtml(str(p.accountId) ?? ''));
    case 'DynamicTable':
      return renderTable(node);
    default:
      return element('div', node, '', children(node));
  }
}

/** The tree as a fragment of HTML. */
export function renderHtml(root: ForgeNode): string {
  return renderNode(root);
}
