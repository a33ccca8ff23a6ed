/**
 * Rich-text fields in REST v3 are Atlassian Document Format. Jira rejects a plain string (or any
 * object that is not a `doc`) in `description`; the sandbox checks the envelope and that every node
 * has a type, which catches the mistakes apps make without carrying the whole ADF JSON schema.
 */

export const ADF_ERROR = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
}

function isNode(value: unknown, depth: number): value is AdfNode {
  if (depth > 64 || !value || typeof value !== 'object' || Array.isArray(value)) return false;
  const node = value as Record<string, unknown>;
  if (typeof node.type !== 'string' || node.type.length === 0) return false;
  if (node.type === 'text' && typeof node.text !== 'string') return false;
  if (node.content !== undefined && (!Array.isArray(node.content) || !node.content.every((child) => isNode(child, depth + 1)))) return false;
  return true;
}

export function isAdfDocument(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const doc = value as Record<string, unknown>;
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content) && doc.content.every((child) => isNode(child, 1));
}

/** The plain text of a document, for text search (`description ~ ...`). */
export function adfText(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const node = value as AdfNode;
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(adfText).filter((t) => t.length > 0) : [];
  return [own, ...children].filter((t) => t.length > 0).join(' ');
}

/** A one-paragraph document, for the admin API's string descriptions. */
export function adfParagraph(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] };
}
