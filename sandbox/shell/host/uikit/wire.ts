/**
 * The UI Kit tree as the shell server streams it (sandbox/shell/uikit-surfaces.ts): data props, and
 * the names of the handlers the element has in the app's frame. A handler runs there, in Node; the
 * page only says which element, which handler and with what event.
 */
export interface WireNode {
  type: string;
  key?: string;
  props: Record<string, unknown>;
  handlers: string[];
  children: WireNode[];
}

export interface WireFlag {
  id: string;
  title?: string;
  description?: string;
  type: string;
  appearance?: string;
  closed: boolean;
}

export interface SurfaceUpdate {
  version: number;
  tree: WireNode;
  flags: WireFlag[];
}

/** What a rendered element needs from the surface it is on. */
export interface RenderContext {
  /** Runs the element's handler in the app's frame; rejects with the sandbox's reason. */
  act(node: WireNode, prop: string, args: unknown[]): Promise<void>;
  /** Display names of the site's people, for the User component. */
  userName(accountId: string): string | undefined;
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
export const bool = (value: unknown): boolean => value === true;
export const has = (node: WireNode, handler: string): boolean => node.handlers.includes(handler);
