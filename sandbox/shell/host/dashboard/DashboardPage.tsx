import Button from '@atlaskit/button/new';
import DropdownMenu, { DropdownItem, DropdownItemGroup } from '@atlaskit/dropdown-menu';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import { get, post, query } from '../shell-api';
import { CreateDashboardDialog, RemoveGadgetDialog } from './dialogs';
import { GadgetCard } from './GadgetCard';
import { GadgetDirectory } from './GadgetDirectory';
import type { DashboardSummary, DashboardView, Gadget, GadgetFrameEvent, GadgetType } from './types';

export interface DashboardPageProps {
  accountId: string;
  /** The dashboard in the address; without one, the user's own first dashboard (else the first they can see). */
  dashboardId: string | null;
  gadgetTypes: GadgetType[];
  colorMode: string;
  onOpenDashboard(id: string): void;
  /** The shell page passes on its gadget frames' `view.submit` and `view.close`. */
  subscribeFrames(listener: (event: GadgetFrameEvent) => void): () => void;
}

type Dialog = { kind: 'directory' } | { kind: 'remove'; gadget: Gadget } | { kind: 'create' } | null;
type Modes = Record<string, 'view' | 'edit'>;

/** As Jira does: a gadget with an edit view that was never configured opens in it, for people who can edit the dashboard. */
function firstModes(view: DashboardView, previous: Modes): Modes {
  const modes: Modes = {};
  for (const g of view.gadgets) modes[g.id] = previous[g.id] ?? (g.configurable && !g.configured && view.dashboard.isWritable ? 'edit' : 'view');
  return modes;
}

/** Where a new gadget goes: the end of the shorter of the dashboard's two columns. */
function nextPosition(gadgets: Gadget[]): { row: number; column: number } {
  const columns = [0, 1].map((column) => gadgets.filter((g) => g.position.column === column));
  const column = columns[0]!.length <= columns[1]!.length ? 0 : 1;
  const rows = columns[column]!.map((g) => g.position.row);
  return { row: rows.length === 0 ? 0 : Math.max(...rows) + 1, column };
}

/**
 * Jira's dashboard page: several dashboards, each with gadgets in two columns; "Add gadget" opens the
 * directory; each gadget can be configured (its edit view) and removed by people who can edit the
 * dashboard. Everything is stored by Jira (the sandbox's dashboards REST API, as the signed-in user).
 */
export function DashboardPage({ accountId, dashboardId, gadgetTypes, colorMode, onOpenDashboard, subscribeFrames }: DashboardPageProps) {
  const [dashboards, setDashboards] = useState<DashboardSummary[] | null>(null);
  const [view, setView] = useState<DashboardView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [modes, setModes] = useState<Modes>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [justAdded, setJustAdded] = useState<string | null>(null);

  const load = useCallback(async () => {
    const list = await get<{ dashboards: DashboardSummary[] }>(`/api/dashboards?${query({ accountId })}`);
    setDashboards(list.dashboards);
    const chosen = dashboardId ?? (list.dashboards.find((d) => d.owner.accountId === accountId) ?? list.dashboards[0])?.id ?? null;
    if (!chosen) {
      setView(null);
      return;
    }
    const loaded = await get<DashboardView>(`/api/dashboard?${query({ accountId, dashboardId: chosen })}`);
    setView(loaded);
    setModes((previous) => firstModes(loaded, previous));
  }, [accountId, dashboardId]);

  useEffect(() => {
    setFailure(null);
    load().catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [load]);

  useEffect(
    () =>
      subscribeFrames((event) => {
        setModes((current) => ({ ...current, [event.gadgetId]: 'view' }));
        if (event.type === 'submitted') void load().catch(() => undefined);
      }),
    [subscribeFrames, load],
  );

  const act = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    setDialogError(null);
    try {
      await work();
      setDialog(null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (dialog?.kind === 'create') setDialogError(message);
      else setNotice(message);
    } finally {
      setBusy(null);
    }
  };

  if (failure) {
    return (
      <SectionMessage appearance="error" title="The dashboard could not be loaded">
        <p>{failure}</p>
      </SectionMessage>
    );
  }
  if (!dashboards) return <Spinner label="Loading dashboards" />;

  const current = view?.dashboard ?? null;
  const canEdit = current?.isWritable === true;
  const addGadget = (moduleKey: string) =>
    void act(moduleKey, async () => {
      if (!current) return;
      const added = await post<{ gadget: Gadget }>('/api/dashboard/gadgets', { accountId, dashboardId: current.id, moduleKey, position: nextPosition(view?.gadgets ?? []) });
      // A gadget that needs configuring opens in its edit view, as Jira does on adding it.
      const type = gadgetTypes.find((t) => t.moduleKey === moduleKey);
      setModes((m) => ({ ...m, [added.gadget.id]: type?.configurable ? 'edit' : 'view' }));
      await load();
      setJustAdded(added.gadget.id);
    });

  const columns = [0, 1].map((column) => (view?.gadgets ?? []).filter((g) => g.position.column === column || (column === 1 && g.position.column > 1)));

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="start">
        <Stack space="space.050">
          <div className="crumbs">Dashboards</div>
          <Heading size="large" as="h1">
            {current ? current.name : 'Dashboards'}
          </Heading>
          {current ? (
            <Text as="p" color="color.text.subtle">
              {canEdit ? `Owned by ${current.owner.displayName ?? 'someone'}` : `Owned by ${current.owner.displayName ?? 'someone'} · read only: ask them to make changes`}
            </Text>
          ) : null}
        </Stack>
        <Inline space="space.100">
          {canEdit ? (
            <Button appearance="primary" onClick={() => setDialog({ kind: 'directory' })} testId="add-gadget">
              Add gadget
            </Button>
          ) : null}
          <DropdownMenu trigger="Dashboards" testId="dashboard-menu" shouldRenderToParent>
            <DropdownItemGroup title="Your dashboards and shared ones">
              {dashboards.map((d) => (
                <DropdownItem key={d.id} onClick={() => onOpenDashboard(d.id)} isSelected={d.id === current?.id} testId={`dashboard-item-${d.id}`}>
                  {d.name}
                </DropdownItem>
              ))}
            </DropdownItemGroup>
            <DropdownItemGroup hasSeparator>
              <DropdownItem onClick={() => setDialog({ kind: 'create' })} testId="create-dashboard">
                Create dashboard
              </DropdownItem>
            </DropdownItemGroup>
          </DropdownMenu>
        </Inline>
      </Inline>
      {current?.description ? <Text as="p">{current.description}</Text> : null}
      {notice ? (
        <SectionMessage appearance="warning" title="That did not work">
          <p data-testid="dashboard-notice">{notice}</p>
        </SectionMessage>
      ) : null}
      {!current ? <EmptyState header="No dashboards yet" description="Create one to gather gadgets for your team." primaryAction={<Button onClick={() => setDialog({ kind: 'create' })}>Create dashboard</Button>} /> : null}
      {current && view && view.gadgets.length === 0 ? (
        <EmptyState
          header="This dashboard is empty"
          description={canEdit ? 'Add gadgets to see your team’s numbers here.' : 'Its owner has not added any gadgets yet.'}
          primaryAction={canEdit ? <Button appearance="primary" onClick={() => setDialog({ kind: 'directory' })}>Add gadget</Button> : undefined}
        />
      ) : null}
      {current && view && view.gadgets.length > 0 ? (
        <div className="dashboard" data-testid="dashboard-columns">
          {columns.map((gadgets, column) => (
            <div key={column} className="dashboard__column">
              {gadgets.map((gadget) => (
                <GadgetCard
                  key={gadget.id}
                  gadget={gadget}
                  mode={modes[gadget.id] ?? 'view'}
                  accountId={accountId}
                  colorMode={colorMode}
                  canEdit={canEdit}
                  justAdded={justAdded === gadget.id}
                  onConfigure={() => setModes((m) => ({ ...m, [gadget.id]: 'edit' }))}
                  onRemove={() => setDialog({ kind: 'remove', gadget })}
                />
              ))}
            </div>
          ))}
        </div>
      ) : null}
      {dialog?.kind === 'directory' ? <GadgetDirectory gadgetTypes={gadgetTypes} adding={busy} onAdd={addGadget} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'remove' ? (
        <RemoveGadgetDialog
          title={dialog.gadget.title}
          busy={busy === 'remove'}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            void act('remove', async () => {
              await post('/api/dashboard/gadgets/remove', { accountId, dashboardId: current?.id, gadgetId: dialog.gadget.id });
              await load();
            })
          }
        />
      ) : null}
      {dialog?.kind === 'create' ? (
        <CreateDashboardDialog
          busy={busy === 'create'}
          error={dialogError}
          onClose={() => setDialog(null)}
          onCreate={(name, description) =>
            void act('create', async () => {
              const created = await post<{ dashboard: { id: string } }>('/api/dashboards', { accountId, name, description });
              onOpenDashboard(created.dashboard.id);
            })
          }
        />
      ) : null}
    </Stack>
  );
}
