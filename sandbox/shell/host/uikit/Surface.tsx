import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { post } from '../shell-api';
import { renderNode } from './render';
import type { RenderContext, SurfaceUpdate, WireFlag, WireNode } from './wire';

export interface SurfaceTarget {
  accountId: string;
  moduleKey: string;
  issueKey?: string;
  projectKey?: string;
}

export interface SurfaceProps {
  target: SurfaceTarget;
  /** Display names of the site's people (the User component). */
  users: Record<string, string>;
  /** A flag the app raised with showFlag: the shell shows it where Jira does. */
  onFlag(flag: WireFlag): void;
  /** Tells the mount handle which surface is live, so product events reach it. */
  onLive(id: string | null): void;
}

type State = { status: 'opening' } | { status: 'failed'; message: string } | { status: 'live'; id: string; update: SurfaceUpdate };

/**
 * One UI Kit surface on the page. The app runs on the shell server (a session of the UI Kit harness),
 * as Forge runs it in the extension's frame; this component opens the session, draws every tree the
 * server streams, and sends what the person does back as events. The session closes with the page.
 */
export function Surface({ target, users, onFlag, onLive }: SurfaceProps) {
  const [state, setState] = useState<State>({ status: 'opening' });
  const seenFlags = useRef(new Set<string>());
  const { accountId, moduleKey, issueKey, projectKey } = target;

  useEffect(() => {
    let stream: EventSource | undefined;
    let id: string | undefined;
    let gone = false;
    const show = (surfaceId: string, update: SurfaceUpdate) => {
      for (const flag of update.flags) {
        if (flag.closed || seenFlags.current.has(flag.id)) continue;
        seenFlags.current.add(flag.id);
        onFlag(flag);
      }
      setState((current) => (current.status === 'live' && current.update.version >= update.version ? current : { status: 'live', id: surfaceId, update }));
    };
    post<{ id: string } & SurfaceUpdate>('/api/uikit/surfaces', { accountId, moduleKey, issueKey, projectKey }).then(
      (opened) => {
        if (gone) {
          void post(`/api/uikit/surfaces/${encodeURIComponent(opened.id)}/close`, {}).catch(() => undefined);
          return;
        }
        id = opened.id;
        onLive(opened.id);
        show(opened.id, opened);
        stream = new EventSource(`/api/uikit/surfaces/${encodeURIComponent(opened.id)}/stream`);
        stream.onmessage = (message: MessageEvent<string>) => show(opened.id, JSON.parse(message.data) as SurfaceUpdate);
      },
      (error: unknown) => {
        if (!gone) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      gone = true;
      stream?.close();
      onLive(null);
      // The extension's frame is destroyed with the page; keepalive lets the close outlive an unload.
      if (id) void fetch(`/api/uikit/surfaces/${encodeURIComponent(id)}/close`, { method: 'POST', keepalive: true, headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    };
  }, [accountId, moduleKey, issueKey, projectKey, onFlag, onLive]);

  const liveId = state.status === 'live' ? state.id : null;
  const act = useCallback(
    async (node: WireNode, prop: string, args: unknown[]) => {
      if (!liveId || !node.key) return;
      await post(`/api/uikit/surfaces/${encodeURIComponent(liveId)}/act`, { key: node.key, prop, args });
    },
    [liveId],
  );
  const ctx: RenderContext = useMemo(() => ({ act, userName: (accountId: string) => users[accountId] }), [act, users]);

  if (state.status === 'opening') return <Spinner size="small" label="Loading the app" />;
  if (state.status === 'failed') {
    return (
      <SectionMessage appearance="error" title="This app could not be shown">
        <p data-testid="uikit-error">{state.message}</p>
      </SectionMessage>
    );
  }
  return <div data-uikit-version={state.update.version}>{renderNode(state.update.tree, ctx)}</div>;
}
