/**
 * What the UI Kit surfaces read from the product context (`useProductContext()`): the issue they
 * are shown on. The context is untyped data from the host, so it is read defensively; a surface
 * without an issue key (still loading, or opened outside an issue) simply waits.
 */
export function issueKeyOf(context: unknown): string | null {
  const extension = (context as { extension?: { issue?: { key?: unknown } } } | undefined)?.extension;
  const key = extension?.issue?.key;
  return typeof key === 'string' && key !== '' ? key : null;
}
