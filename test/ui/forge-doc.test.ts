import type { ForgeNode } from '../../sandbox/uikit/forge-doc';
import { ancestorsOf, describe as describeNode, findByKey, findByText, query, snapshot, textOf } from '../../sandbox/uikit/forge-doc';
import { escapeHtml, renderHtml } from '../../sandbox/uikit/html';

/** Builds a tree the way the reconciler does: `{type, props, children, key}`, text in String nodes. */
let nextKey = 0;
function el(type: string, props: Record<string, unknown> = {}, ...children: Array<ForgeNode | string>): ForgeNode {
  nextKey += 1;
  return {
    type,
    props,
    key: `k${nextKey}`,
    children: children.map((child) => (typeof child === 'string' ? { type: 'String', props: { text: child }, children: [], key: `s${++nextKey}` } : child)),
  };
}

describe('forge-doc queries', () => {
  const onClick = () => undefined;
  const button = el('Button', { onClick }, 'Check ', 'again');
  const heading = el('Heading', { size: 'small' }, 'Relay');
  const message = el('SectionMessage', { title: 'Relay could not answer', appearance: 'error' }, el('Text', {}, 'Error code: ', 'INTERNAL'));
  const tree = el('Root', {}, el('Stack', {}, heading, el('Box', {}, 'Hello ', 'Alice'), message, button));

  it('reads inline elements as one run and blocks as lines, with prop text such as titles', () => {
    expect(textOf(tree)).toBe(['Relay', 'Hello Alice', 'Relay could not answer', 'Error code: INTERNAL', 'Check again'].join('\n'));
  });

  it('finds the deepest element with exactly the text before one that merely contains it', () => {
    expect(findByText(tree, 'Check again')).toBe(button);
    expect(findByText(tree, 'INTERNAL')?.type).toBe('Text');
    expect(findByText(tree, /hello\s+alice/i)?.type).toBe('Box');
    expect(findByText(tree, 'Nowhere')).toBeUndefined();
  });

  it('queries by shape: type, text and props together', () => {
    expect(query(tree, { type: 'SectionMessage', props: { appearance: 'error' } })).toEqual([message]);
    expect(query(tree, { type: 'SectionMessage', props: { appearance: 'warning' } })).toEqual([]);
    expect(query(tree, { type: 'Text', text: 'Error code' }).map((n) => n.type)).toEqual(['Text']);
    expect(query(tree, (node) => node.type === 'Heading')).toEqual([heading]);
    expect(query(tree, 'Relay')[0]).toBe(heading);
  });

  it('knows a node by key and its ancestors', () => {
    expect(findByKey(tree, button.key!)).toBe(button);
    expect(ancestorsOf(tree, button)?.map((n) => n.type)).toEqual(['Root', 'Stack']);
    expect(ancestorsOf(tree, el('Button'))).toBeUndefined();
  });

  it('snapshots a live tree: later mutations do not leak in, handlers keep their identity', () => {
    const live = { type: 'Root', key: 'r', props: {}, children: [{ type: 'Text', key: 't', props: { data: { n: 1 }, onClick }, children: [{ type: 'String', key: 's', props: { text: 'one' }, children: [] }] }] };
    const copy = snapshot(live);
    live.children[0]!.props.data.n = 2;
    live.children[0]!.children[0]!.props.text = 'two';
    expect(copy.children[0]!.props.data).toEqual({ n: 1 });
    expect(textOf(copy)).toBe('one');
    expect(copy.children[0]!.props.onClick).toBe(onClick);
  });

  it('describes a node briefly for error messages', () => {
    expect(describeNode(button)).toBe('Button "Check again"');
    expect(describeNode(el('Text', {}, 'x'.repeat(60)))).toBe(`Text "${'x'.repeat(40)}…"`);
  });
});

describe('HTML preview', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('maps headings, busy buttons, section messages and spinners to plain elements', () => {
    const html = renderHtml(
      el(
        'Root',
        {},
        el('Heading', { as: 'h3' }, 'Title'),
        el('LoadingButton', { isLoading: true }, 'Save'),
        el('SectionMessage', { appearance: 'error', title: 'Oops <now>' }, el('Text', {}, 'Details')),
        el('Spinner', { label: 'Loading deals' }),
      ),
    );
    expect(html).toMatch(/<h3 [^>]*>Title<\/h3>/);
    expect(html).toMatch(/<button [^>]*disabled aria-busy="true"[^>]*>Save<\/button>/);
    expect(html).toMatch(/<section [^>]*role="alert"><h4>Oops &lt;now&gt;<\/h4><p [^>]*>Details<\/p><\/section>/);
    expect(html).toMatch(/<span [^>]*role="progressbar" aria-label="Loading deals"/);
  });
});
