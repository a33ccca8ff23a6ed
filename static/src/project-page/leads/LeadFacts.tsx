import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { showFlag } from '@forge/bridge';
import { useState } from 'react';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { flagError } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { CreateDealForm } from '../deals/CreateDealForm';
import { instantText } from '../records/format';
import { reasonText, slaView } from './lead-format';
import '../../lib/areas/leads';

/**
 * A contact as a lead, in its drawer: the score as fit + intent with every reason, how it was
 * routed, its response clock and its touches (the first one kept as its attribution); and what a
 * seller does next — qualify it (SQL), disqualify it, or create the deal, which carries the lead's
 * source and campaign.
 */
export function LeadFacts({ contact, canEdit, onChanged }: { contact: ContactRecord; canEdit: boolean; onChanged: (contact: ContactRecord) => void }) {
  const { locale, timezone } = useForgeContext();
  const project = useProject();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const lead = contact.lead;
  if (!lead) return null;
  const sla = slaView(lead.sla, Date.now());
  const touchText = (touch: (typeof lead.touches)[number]) => [touch.source, touch.campaign, touch.formType].filter(Boolean).join(' · ');
  const inFunnel = contact.lifecycleStage === 'lead' || contact.lifecycleStage === 'mql';

  const move = async (stage: 'sql' | 'other') => {
    setBusy(true);
    try {
      const next = await api.contacts.update({ contactId: contact.id, version: contact.version, changes: { lifecycleStage: stage } });
      onChanged(next);
      void showFlag({ id: `lead-${contact.id}-${stage}`, title: t(stage === 'sql' ? 'leads.drawer.qualified' : 'leads.drawer.disqualified', { name: contact.name }), type: 'success', isAutoDismiss: true });
    } catch (error) {
      flagError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="relay-lead-facts" aria-labelledby={`lead-${contact.id}`} data-testid="lead-facts">
      <h3 id={`lead-${contact.id}`} className="relay-section-title">
        {t('leads.drawer.title')}
      </h3>
      {lead.score ? <p>{t('leads.drawer.score', { score: contact.leadScore, fit: lead.score.fit, intent: lead.score.intent })}</p> : null}
      {lead.score && lead.score.reasons.length > 0 ? (
        <ul data-testid="lead-facts-reasons">
          {lead.score.reasons.map((r) => (
            <li key={`${r.factor}:${r.matched}`}>{reasonText(r)}</li>
          ))}
        </ul>
      ) : null}
      {lead.routedBy ? <p className="relay-muted">{t('leads.drawer.routed', { method: t(`leads.drawer.routed.${lead.routedBy}`) })}</p> : null}
      <p>
        <Lozenge appearance={sla.tone}>{sla.text}</Lozenge>
      </p>
      {contact.attribution ? <p className="relay-muted">{t('leads.drawer.firstTouch', { what: [contact.attribution.channel, contact.attribution.campaign].filter(Boolean).join(' · ') })}</p> : null}
      <details>
        <summary>{t('leads.drawer.touches', { count: lead.touchCount })}</summary>
        <ul>
          {[...lead.touches].reverse().map((touch) => (
            <li key={touch.at}>{t('leads.drawer.touch', { when: instantText(touch.at, locale, timezone), what: touchText(touch) })}</li>
          ))}
        </ul>
      </details>
      {canEdit ? (
        <div className="relay-lead-facts__actions">
          {inFunnel ? (
            <Button appearance="primary" onClick={() => void move('sql')} isDisabled={busy} testId="lead-qualify">
              {t('leads.drawer.qualify')}
            </Button>
          ) : null}
          {project.status === 'ok' && project.data.pipeline ? (
            <Button onClick={() => setCreating(true)} testId="lead-create-deal">
              {t('leads.drawer.createDeal')}
            </Button>
          ) : null}
          {inFunnel ? (
            <Button appearance="subtle" onClick={() => void move('other')} isDisabled={busy} testId="lead-disqualify">
              {t('leads.drawer.disqualify')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {creating && project.status === 'ok' ? (
        <CreateDealForm
          project={project.data}
          from={contact}
          onClose={() => setCreating(false)}
          onCreated={(deal) => {
            setCreating(false);
            void showFlag({ id: `deal-${deal.id}`, title: t('records.deal.created', { name: deal.name }), type: 'success', isAutoDismiss: true });
            void api.contacts.get({ contactId: contact.id }).then(onChanged, () => undefined);
          }}
        />
      ) : null}
    </section>
  );
}
