/**
 * The tree @forge/react's reconciler sends with `callBridge('reconcile', { forgeDoc })`, and the
 * queries the sandbox runs on it. In the reconciler every element is `{ type, props, children, key }`:
 * text is a `String` node with `props.text`, `children` is never a prop, and event handlers stay
 * functions in `props` (each tagged with a uuid `__id__` so the host can refer to it).
 */
export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
  /** The reconciler's instance id: stable for as long as React keeps the element mounted. */
  key?: string;
}

/** An event handler as the reconciler leaves it in props. */
export type ForgeHandler = ((...args: unknown[]) => unknown) & { __id__?: string };

/** Elements whose text reads as one run (their String children are concatenated, not put on lines). */
const INLINE_TEXT = new Set([
  'Text', 'Heading', 'Strong', 'Em', 'Strike', 'Link', 'Button', 'LoadingButton', 'LinkButton', 'Lozenge', 'Badge', 'Code',
  'Label', 'Tag', 'ListItem', 'ErrorMessage', 'HelperMessage', 'ValidMessage', 'Tooltip', 'SectionMessageAction', 'Cell',
  'Tab', 'BreadcrumbsItem', 'ModalTitle', 'Pressable', 'RequiredAsterisk',
]);

/** Props whose value the product shows as text beside the children. */
const TEXT_PROPS: Record<string, string[]> = {
  SectionMessage: ['title'],
  Tag: ['text'],
  EmptyState: ['header', 'description'],
  Checkbox: ['label'],
  Radio: ['label'],
  Toggle: ['label'],
  FormHeader: ['title', 'description'],
  FormSection: ['title', 'description'],
};

export const BUTTON_TYPES = new Set(['Button', 'LoadingButton', 'LinkButton', 'Pressable', 'SectionMessageAction']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Copies prop values the way a serialising bridge would see them at send time: data is copied,
 * functions keep their identity (the host calls them back), React elements and class instances are
 * kept by reference (they carry fibre cycles that cannot be copied).
 */
function copyValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'function' || value === null || typeof value !== 'object') return value;
  if ('$$typeof' in value) return value;
  if (seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    const out = value.map((item) => copyValue(item, seen));
    seen.delete(value);
    return out;
  }
  if (!isPlainObject(value)) return value;
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyValue(v, seen);
  seen.delete(value);
  return out;
}

/** A snapshot of the reconciler's live tree, which it keeps mutating after sending it. */
export function snapshot(raw: unknown): ForgeNode {
  const node = raw as { type?: unknown; props?: unknown; children?: unknown; key?: unknown };
  const props = copyValue(node.props ?? {}, new WeakSet()) as Record<string, unknown>;
  const children = Array.isArray(node.children) ? node.children.map((child) => snapshot(child)) : [];
  const out: ForgeNode = { type: String(node.type), props, children };
  if (typeof node.key === 'string') out.key = node.key;
  return out;
}

export function walk(node: ForgeNode, visit: (node: ForgeNode, parents: ForgeNode[]) => void, parents: ForgeNode[] = []): void {
  visit(node, parents);
  const next = [...parents, node];
  for (const child of node.children) walk(child, visit, next);
}

export function findAll(root: ForgeNode, predicate: (node: ForgeNode) => boolean): ForgeNode[] {
  const out: ForgeNode[] = [];
  walk(root, (node) => {
    if (predicate(node)) out.push(node);
  });
  return out;
}

export function findByKey(root: ForgeNode, key: string): ForgeNode | undefined {
  return findAll(root, (node) => node.key === key)[0];
}

/** The chain of ancestors of `target` (root first), or undefined when it is not in the tree. */
export function ancestorsOf(root: ForgeNode, target: ForgeNode): ForgeNode[] | undefined {
  let found: ForgeNode[] | undefined;
  walk(root, (node, parents) => {
    if (!found && (node === target || (target.key !== undefined && node.key === target.key))) found = parents;
  });
  return found;
}

function propText(node: ForgeNode): string[] {
  const names = TEXT_PROPS[node.type] ?? [];
  return names.map((name) => node.props[name]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
}

/**
 * The text a reader sees in `node`: inline elements read as one run, block elements put each child
 * on its own line. Lines are trimmed and empty ones dropped.
 */
export function textOf(node: ForgeNode): string {
  return linesOf(node)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

function linesOf(node: ForgeNode): string[] {
  if (node.type === 'String') return [String(node.props.text ?? '')];
  if (node.type === 'User') return [String(node.props.accountId ?? '')];
  const own = propText(node);
  if (INLINE_TEXT.has(node.type)) {
    const run = node.children.map((child) => linesOf(child).join(' ')).join('');
    return [...own, run];
  }
  // A run of String siblings inside a block (e.g. `Hello {name}` in a Box) still reads as one line.
  const lines: string[] = [...own];
  let run: string | undefined;
  for (const child of node.children) {
    if (child.type === 'String') {
      run = (run ?? '') + String(child.props.text ?? '');
      continue;
    }
    if (run !== undefined) lines.push(run);
    run = undefined;
    lines.push(...linesOf(child));
  }
  if (run !== undefined) lines.push(run);
  return lines;
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The deepest element (not a String node) whose text matches: exactly when `text` is a string and
 * some element's whole text equals it, otherwise the deepest element containing it; a RegExp is
 * tested against each element's text.
 */
export function findByText(root: ForgeNode, text: string | RegExp): ForgeNode | undefined {
  const elements = findAll(root, (node) => node.type !== 'String');
  const depthOf = new Map<ForgeNode, number>();
  walk(root, (node, parents) => depthOf.set(node, parents.length));
  const deepest = (nodes: ForgeNode[]) => nodes.sort((a, b) => (depthOf.get(b) ?? 0) - (depthOf.get(a) ?? 0))[0];
  if (text instanceof RegExp) return deepest(elements.filter((node) => text.test(normalise(textOf(node)))));
  const wanted = normalise(text);
  const exact = elements.filter((node) => normalise(textOf(node)) === wanted);
  if (exact.length > 0) return deepest(exact);
  return deepest(elements.filter((node) => normalise(textOf(node)).includes(wanted)));
}

export function handlerOf(node: ForgeNode, prop: string): ForgeHandler | undefined {
  const value = node.props[prop];
  return typeof value === 'function' ? (value as ForgeHandler) : undefined;
}

/** A one-line description of a node for error messages. */
export function describe(node: ForgeNode): string {
  const text = normalise(textOf(node));
  return `${node.type}${text ? ` "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : ''}`;
}

/**
 * How a test names a node: its text (exact, else contained; or a RegExp), a predicate, or a shape
 * `{ type, text, props }` whose given parts must all match (props compared with `===`).
 */
export type NodeQuery = string | RegExp | ((node: ForgeNode) => boolean) | { type?: string; text?: string | RegExp; props?: Record<string, unknown> };

function textMatches(node: ForgeNode, text: string | RegExp): boolean {
  const actual = normalise(textOf(node));
  return text instanceof RegExp ? text.test(actual) : actual === normalise(text) || actual.includes(normalise(text));
}

/** Every node the query matches, in document order (text queries: elements only, deepest match first). */
export function query(root: ForgeNode, q: NodeQuery): ForgeNode[] {
  if (typeof q === 'string' || q instanceof RegExp) {
    const best = findByText(root, q);
    if (!best) return [];
    return [best, ...findAll(root, (node) => node !== best && node.type !== 'String' && textMatches(node, q))];
  }
  if (typeof q === 'function') return findAll(root, q);
  return findAll(root, (node) => {
    if (q.type !== undefined && node.type !== q.type) return false;
    if (q.text !== undefined && !textMatches(node, q.text)) return false;
    if (q.props) {
      for (const [name, value] of Object.entries(q.props)) if (node.props[name] !== value) return false;
    }
    return true;
  });
}

/** Describes a query for error messages. */
export function describeQuery(q: NodeQuery): string {
  if (typeof q === 'string') return `text "${q}"`;
  if (q instanceof RegExp) return `text ${String(q)}`;
  if (typeof q === 'function') return 'a predicate';
  return JSON.stringify({ ...q, text: q.text instanceof RegExp ? String(q.text) : q.text });
}
