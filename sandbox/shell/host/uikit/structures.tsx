import DynamicTable from '@atlaskit/dynamic-table';
import AkModal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import AkTabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { renderChildren } from './render';
import type { RenderContext, WireNode } from './wire';
import { bool, has, str } from './wire';

/**
 * UI Kit's composite components. The reconciler sends a DynamicTable's head and rows as
 * `ContentWrapper` children (name "head" / "rows") of `Row` and `Cell` elements; modals and tabs
 * arrive as their parts, each mapped to the Atlaskit part of the same name.
 */
export function TableNode({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const part = (name: string) => node.children.find((child) => child.type === 'ContentWrapper' && child.props.name === name);
  const cells = (row: WireNode) => row.children.filter((c) => c.type === 'Cell').map((cell, index) => ({ key: cell.key ?? String(index), content: renderChildren(cell, ctx) }));
  const head = part('head');
  const rows = (part('rows')?.children ?? []).filter((r) => r.type === 'Row').map((row, index) => ({ key: row.key ?? String(index), cells: cells(row) }));
  return (
    <div data-forge-type={node.type} data-forge-key={node.key}>
      <DynamicTable
        caption={str(node.props.caption)}
        head={head && head.children.length > 0 ? { cells: cells(head) } : undefined}
        rows={rows}
        emptyView={str(node.props.emptyView) ? <p>{str(node.props.emptyView)}</p> : undefined}
        isLoading={bool(node.props.isLoading)}
        rowsPerPage={typeof node.props.rowsPerPage === 'number' ? node.props.rowsPerPage : undefined}
      />
    </div>
  );
}

export function ModalNode({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const kids = renderChildren(node, ctx);
  switch (node.type) {
    case 'Modal':
      return (
        <AkModal
          onClose={has(node, 'onClose') ? () => void ctx.act(node, 'onClose', [{ type: 'close' }]).catch(() => undefined) : undefined}
          width={str(node.props.width) as never}
          shouldScrollInViewport={bool(node.props.shouldScrollInViewport)}
          testId={`uikit-modal-${node.key ?? ''}`}
        >
          {kids}
        </AkModal>
      );
    case 'ModalHeader':
      return <ModalHeader>{kids}</ModalHeader>;
    case 'ModalTitle':
      return <ModalTitle appearance={str(node.props.appearance) as never}>{kids}</ModalTitle>;
    case 'ModalBody':
      return <ModalBody>{kids}</ModalBody>;
    case 'ModalFooter':
      return <ModalFooter>{kids}</ModalFooter>;
    default:
      // ModalTransition: Atlaskit animates its modals itself.
      return <>{kids}</>;
  }
}

export function TabsNode({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const kids = renderChildren(node, ctx);
  switch (node.type) {
    case 'Tabs':
      return (
        <div data-forge-type={node.type} data-forge-key={node.key}>
          <AkTabs
            id={str(node.props.id) ?? `tabs-${node.key ?? ''}`}
            selected={typeof node.props.selected === 'number' ? node.props.selected : undefined}
            defaultSelected={typeof node.props.defaultSelected === 'number' ? node.props.defaultSelected : undefined}
            onChange={has(node, 'onChange') ? (index) => void ctx.act(node, 'onChange', [index]).catch(() => undefined) : undefined}
          >
            {kids}
          </AkTabs>
        </div>
      );
    case 'TabList':
      return <TabList>{kids}</TabList>;
    case 'Tab':
      return <Tab>{kids}</Tab>;
    default:
      return <TabPanel>{kids}</TabPanel>;
  }
}
