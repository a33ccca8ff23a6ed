import type { ReactNode } from 'react';

/**
 * A small Atlassian Document Format → React renderer for the hand-off preview: the description the
 * server would send to Jira, drawn as Jira would draw the parts Relay writes (paragraph, heading,
 * text with strong / em / code / link marks, hard breaks, bullet and ordered lists). It is pure:
 * the same document gives the same elements, so it is unit-tested without a browser.
 *
 * The document comes from the server but is still treated as data, never as markup: text becomes
 * React text, unknown nodes show their text content (so nothing the preview cannot draw is lost),
 * and a link is a link only when its href is http(s) or mailto — a `javascript:` href in a deal's
 * URL must not become a clickable script.
 */
type Node = Record<string, unknown>;

const SAFE_HREF = /^(https?:|mailto:)/i;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(node: Node): Node[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

function marksOf(node: Node): Node[] {
  return Array.isArray(node.marks) ? node.marks.filter(isNode) : [];
}

/** The link a text node carries, if it is one the preview may open. */
export function safeHref(value: unknown): string | null {
  return typeof value === 'string' && SAFE_HREF.test(value.trim()) ? value.trim() : null;
}

function markText(text: string, marks: Node[], key: string): ReactNode {
  return marks.reduce<ReactNode>((inner, mark, i) => {
    const k = `${key}-m${i}`;
    switch (mark.type) {
      case 'strong':
        return <strong key={k}>{inner}</strong>;
      case 'em':
        return <em key={k}>{inner}</em>;
      case 'code':
        return <code key={k}>{inner}</code>;
      case 'link': {
        const href = safeHref(isNode(mark.attrs) ? mark.attrs.href : undefined);
        return href ? (
          <a key={k} href={href} target="_blank" rel="noopener noreferrer">
            {inner}
          </a>
        ) : (
          inner
        );
      }
      default:
        return inner;
    }
  }, text);
}

/** All the text under a node, for nodes the preview has no drawing for. */
export function plainText(node: Node): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
  return children(node).map(plainText).join('');
}

function headingLevel(node: Node): 1 | 2 | 3 | 4 | 5 | 6 {
  const level = isNode(node.attrs) ? Number(node.attrs.level) : 3;
  return (Number.isInteger(level) && level >= 1 && level <= 6 ? level : 3) as 1 | 2 | 3 | 4 | 5 | 6;
}

function renderNode(node: Node, key: string): ReactNode {
  const inner = () => children(node).map((child, i) => renderNode(child, `${key}.${i}`));
  switch (node.type) {
    case 'doc':
      return <div key={key}>{inner()}</div>;
    case 'paragraph':
      return <p key={key}>{inner()}</p>;
    case 'heading': {
      const Tag = `h${headingLevel(node)}` as const;
      return <Tag key={key}>{inner()}</Tag>;
    }
    case 'text':
      return typeof node.text === 'string' ? <span key={key}>{markText(node.text, marksOf(node), key)}</span> : null;
    case 'hardBreak':
      return <br key={key} />;
    case 'bulletList':
      return <ul key={key}>{inner()}</ul>;
    case 'orderedList':
      return <ol key={key}>{inner()}</ol>;
    case 'listItem':
      return <li key={key}>{inner()}</li>;
    case 'rule':
      return <hr key={key} />;
    default: {
      const text = plainText(node);
      return text ? <p key={key}>{text}</p> : null;
    }
  }
}

/**
 * The elements for an ADF document (`{type: 'doc', content: [...]}`); anything else renders as
 * nothing, since a description the server did not build is not worth guessing at.
 */
export function renderAdf(doc: unknown): ReactNode[] {
  if (!isNode(doc) || doc.type !== 'doc') return [];
  return children(doc).map((node, i) => renderNode(node, String(i)));
}
