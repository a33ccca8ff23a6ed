import Avatar from '@atlaskit/avatar';
import Badge from '@atlaskit/badge';
import Button, { LinkButton } from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk, ValidMessage } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Tooltip from '@atlaskit/tooltip';
import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { CheckboxField, DateField, FormField, SelectField, TextAreaField, TextField } from './fields';
import { ModalNode, TableNode, TabsNode } from './structures';
import type { RenderContext, WireNode } from './wire';
import { bool, has, str } from './wire';

/**
 * Draws a UI Kit tree with the Atlassian design system, component by component, the way Jira's UI
 * Kit host draws the tree an app's reconciler sends. Layout and text props pass through; handlers
 * become calls back into the app's frame (`ctx.act`). A component the sandbox does not draw shows
 * as a labelled box with its children, so nothing an app renders disappears silently.
 */
export function renderChildren(node: WireNode, ctx: RenderContext): ReactNode {
  return node.children.map((child, index) => <Fragment key={child.key ?? `i${index}`}>{renderNode(child, ctx)}</Fragment>);
}

/** Props every element keeps: the reconciler's key and type, so tests and people can find them. */
function marks(node: WireNode): Record<string, string> {
  return { 'data-forge-type': node.type, ...(node.key ? { 'data-forge-key': node.key } : {}) };
}

const click = (node: WireNode, ctx: RenderContext) => (has(node, 'onClick') ? () => void ctx.act(node, 'onClick', [{ type: 'click' }]).catch(() => undefined) : undefined);

function ButtonNode({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const p = node.props;
  return (
    <span {...marks(node)}>
      <Button
        appearance={(str(p.appearance) ?? 'default') as never}
        isDisabled={bool(p.isDisabled)}
        isLoading={bool(p.isLoading)}
        isSelected={bool(p.isSelected)}
        shouldFitContainer={bool(p.shouldFitContainer)}
        spacing={(str(p.spacing) ?? 'default') as never}
        type={str(p.type) === 'submit' ? 'submit' : 'button'}
        onClick={click(node, ctx)}
      >
        {renderChildren(node, ctx)}
      </Button>
    </span>
  );
}

function UserNode({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  const accountId = str(node.props.accountId) ?? '';
  const name = ctx.userName(accountId) ?? 'Unknown user';
  return (
    <span {...marks(node)} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {node.props.hideDisplayName === true ? null : <Avatar size="xsmall" name={name} />}
      <span>{name}</span>
    </span>
  );
}

function Unknown({ node, ctx }: { node: WireNode; ctx: RenderContext }) {
  return (
    <div {...marks(node)} style={{ border: '1px dashed var(--ds-border-warning, #e2b203)', padding: 4 }}>
      <small style={{ color: 'var(--ds-text-warning, #7f5f01)' }}>{`${node.type} (not drawn by the sandbox)`}</small>
      {renderChildren(node, ctx)}
    </div>
  );
}

export function renderNode(node: WireNode, ctx: RenderContext): ReactNode {
  const p = node.props;
  const kids = () => renderChildren(node, ctx);
  switch (node.type) {
    case 'String':
      return str(p.text) ?? '';
    case 'Root':
      return <div {...marks(node)}>{kids()}</div>;
    case 'Stack':
      return (
        <div {...marks(node)}>
          <Stack space={str(p.space) as never} alignInline={str(p.alignInline) as never} alignBlock={str(p.alignBlock) as never} spread={str(p.spread) as never} grow={str(p.grow) as never}>
            {kids()}
          </Stack>
        </div>
      );
    case 'Inline':
    case 'ButtonGroup':
      return (
        <div {...marks(node)}>
          <Inline
            space={(str(p.space) ?? (node.type === 'ButtonGroup' ? 'space.100' : undefined)) as never}
            rowSpace={str(p.rowSpace) as never}
            alignInline={str(p.alignInline) as never}
            alignBlock={str(p.alignBlock) as never}
            spread={str(p.spread) as never}
            grow={str(p.grow) as never}
            shouldWrap={bool(p.shouldWrap)}
            separator={str(p.separator)}
          >
            {kids()}
          </Inline>
        </div>
      );
    case 'Box':
      return (
        <div {...marks(node)}>
          <Box padding={str(p.padding) as never} backgroundColor={str(p.backgroundColor) as never}>
            {kids()}
          </Box>
        </div>
      );
    case 'Heading':
      return (
        <div {...marks(node)}>
          <Heading size={(str(p.size) ?? 'medium') as never} as={str(p.as) as never}>
            {kids()}
          </Heading>
        </div>
      );
    case 'Text':
      return (
        <div {...marks(node)}>
          <Text as="p" size={str(p.size) as never} weight={str(p.weight) as never} color={str(p.color) as never} align={str(p.align) as never} maxLines={typeof p.maxLines === 'number' ? p.maxLines : undefined}>
            {kids()}
          </Text>
        </div>
      );
    case 'Strong':
      return <strong {...marks(node)}>{kids()}</strong>;
    case 'Em':
      return <em {...marks(node)}>{kids()}</em>;
    case 'Strike':
      return <s {...marks(node)}>{kids()}</s>;
    case 'Code':
      return <code {...marks(node)}>{kids()}</code>;
    case 'CodeBlock':
      return <pre {...marks(node)}>{str(p.text) ?? kids()}</pre>;
    case 'Link':
      return (
        <a {...marks(node)} href={safeHref(p.href)} {...(p.openNewTab === true ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {kids()}
        </a>
      );
    case 'LinkButton':
      return (
        <span {...marks(node)}>
          <LinkButton href={safeHref(p.href)} appearance={(str(p.appearance) ?? 'default') as never} target={p.target === '_blank' ? '_blank' : undefined}>
            {kids()}
          </LinkButton>
        </span>
      );
    case 'Button':
    case 'LoadingButton':
      return <ButtonNode node={node} ctx={ctx} />;
    case 'Lozenge':
      return (
        <span {...marks(node)}>
          <Lozenge appearance={(str(p.appearance) ?? 'default') as never} isBold={bool(p.isBold)}>
            {kids()}
          </Lozenge>
        </span>
      );
    case 'Badge':
      return (
        <span {...marks(node)}>
          <Badge appearance={(str(p.appearance) ?? 'default') as never}>{kids()}</Badge>
        </span>
      );
    case 'SectionMessage':
      return (
        <div {...marks(node)}>
          <SectionMessage appearance={(str(p.appearance) ?? 'information') as never} title={str(p.title)}>
            {kids()}
          </SectionMessage>
        </div>
      );
    case 'SectionMessageAction':
      return <SectionMessageAction onClick={click(node, ctx)}>{kids()}</SectionMessageAction>;
    case 'Spinner':
      return (
        <span {...marks(node)}>
          <Spinner size={(str(p.size) ?? 'medium') as never} label={str(p.label) ?? 'Loading'} />
        </span>
      );
    case 'Tooltip':
      return (
        <span {...marks(node)}>
          <Tooltip content={str(p.content) ?? ''}>{kids()}</Tooltip>
        </span>
      );
    case 'EmptyState':
      return (
        <div {...marks(node)}>
          <EmptyState header={str(p.header) ?? ''} description={str(p.description)} />
          {kids()}
        </div>
      );
    case 'Label':
      return (
        <div {...marks(node)}>
          <Label htmlFor={str(p.labelFor) ?? ''}>{kids()}</Label>
        </div>
      );
    case 'ErrorMessage':
      return <ErrorMessage>{kids()}</ErrorMessage>;
    case 'HelperMessage':
      return <HelperMessage>{kids()}</HelperMessage>;
    case 'ValidMessage':
      return <ValidMessage>{kids()}</ValidMessage>;
    case 'RequiredAsterisk':
      return <RequiredAsterisk />;
    case 'Textfield':
      return <TextField node={node} ctx={ctx} />;
    case 'TextArea':
      return <TextAreaField node={node} ctx={ctx} />;
    case 'Select':
      return <SelectField node={node} ctx={ctx} />;
    case 'Checkbox':
      return <CheckboxField node={node} ctx={ctx} />;
    case 'DatePicker':
      return <DateField node={node} ctx={ctx} />;
    case 'Form':
      return <FormField node={node} ctx={ctx} />;
    case 'FormHeader':
    case 'FormSection':
      return (
        <div {...marks(node)}>
          {str(p.title) ? <Heading size="small">{str(p.title)}</Heading> : null}
          {str(p.description) ? <Text as="p">{str(p.description)}</Text> : null}
          {kids()}
        </div>
      );
    case 'FormFooter':
      return (
        <div {...marks(node)}>
          <Inline space="space.100" alignInline="end">
            {kids()}
          </Inline>
        </div>
      );
    case 'List':
      return str(p.type) === 'ordered' ? <ol {...marks(node)}>{kids()}</ol> : <ul {...marks(node)}>{kids()}</ul>;
    case 'ListItem':
      return <li {...marks(node)}>{kids()}</li>;
    case 'Image':
      return <img {...marks(node)} src={safeHref(p.src)} alt={str(p.alt) ?? ''} style={{ maxWidth: '100%' }} />;
    case 'User':
      return <UserNode node={node} ctx={ctx} />;
    case 'Tag':
      return (
        <span {...marks(node)}>
          <Lozenge>{str(p.text) ?? kids()}</Lozenge>
        </span>
      );
    case 'TagGroup':
      return (
        <div {...marks(node)}>
          <Inline space="space.050" shouldWrap>
            {kids()}
          </Inline>
        </div>
      );
    case 'DynamicTable':
      return <TableNode node={node} ctx={ctx} />;
    case 'Modal':
    case 'ModalHeader':
    case 'ModalTitle':
    case 'ModalBody':
    case 'ModalFooter':
    case 'ModalTransition':
      return <ModalNode node={node} ctx={ctx} />;
    case 'Tabs':
    case 'TabList':
    case 'Tab':
    case 'TabPanel':
      return <TabsNode node={node} ctx={ctx} />;
    default:
      return <Unknown node={node} ctx={ctx} />;
  }
}

/** http(s), mailto and relative addresses only: nothing an app sends may run script in the page. */
export function safeHref(value: unknown): string {
  if (typeof value !== 'string') return '#';
  const href = value.trim();
  if (/^(https?:|mailto:)/i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return '#';
  return href;
}

export { marks };
