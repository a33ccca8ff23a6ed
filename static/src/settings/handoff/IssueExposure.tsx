import Checkbox from '@atlaskit/checkbox';
import { carriedFields, type CarriedField, type IssuePart } from '../../../../src/domain/delivery-issue';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import '../../lib/areas/settings';

const PARTS: Array<{ part: IssuePart; label: MessageKey }> = [
  { part: 'summary', label: 'settings.handoff.exposure.part.summary' },
  { part: 'description', label: 'settings.handoff.exposure.part.description' },
  { part: 'property', label: 'settings.handoff.exposure.part.property' },
];

const FIELD_LABELS: Record<CarriedField['field'], MessageKey> = {
  dealName: 'settings.handoff.exposure.field.dealName',
  companyName: 'settings.handoff.exposure.field.companyName',
  amount: 'settings.handoff.exposure.field.amount',
  closeDate: 'settings.handoff.exposure.field.closeDate',
  contract: 'settings.handoff.exposure.field.contract',
  scope: 'settings.handoff.exposure.field.scope',
  notSold: 'settings.handoff.exposure.field.notSold',
  successCriteria: 'settings.handoff.exposure.field.successCriteria',
  stakeholders: 'settings.handoff.exposure.field.stakeholders',
  contactNames: 'settings.handoff.exposure.field.contactNames',
  contactEmails: 'settings.handoff.exposure.field.contactEmails',
  dealLink: 'settings.handoff.exposure.field.dealLink',
  dealId: 'settings.handoff.exposure.field.dealId',
  companyId: 'settings.handoff.exposure.field.companyId',
  handoffState: 'settings.handoff.exposure.field.handoffState',
};

interface Props {
  summaryTemplate: string;
  includeContactEmails: boolean;
  /** The target project as the draft names it (its name when Jira listed it). */
  project: { key: string; name: string | null };
  readOnly: boolean;
  onIncludeContactEmails: (include: boolean) => void;
}

/**
 * What the delivery issue will carry, from the draft as it is edited, and who can read it: Jira shows
 * an issue, its description and its entity properties to everyone who can browse its project, whether
 * or not Relay lets them see the deal. The list comes from the same function the server builds the
 * issue by (src/domain/delivery-issue.ts). Contact e-mail addresses are the one opt-in.
 */
export function IssueExposure({ summaryTemplate, includeContactEmails, project, readOnly, onIncludeContactEmails }: Props) {
  const carried = carriedFields({ summaryTemplate, includeContactEmails });
  const projectName = project.name ? `${project.name} (${project.key})` : project.key;
  return (
    <section className="relay-handoff-exposure" aria-labelledby="handoff-exposure-title" data-testid="handoff-exposure">
      <h3 className="relay-subtitle" id="handoff-exposure-title">
        {t('settings.handoff.exposure.title')}
      </h3>
      <p data-testid="handoff-exposure-readers">{t('settings.handoff.exposure.readers', { project: projectName })}</p>
      <dl className="relay-facts">
        {PARTS.map(({ part, label }) => (
          <div key={part} className="relay-handoff-exposure__part">
            <dt>{t(label)}</dt>
            <dd data-testid={`handoff-exposure-${part}`}>
              {carried.some((c) => c.part === part) ? (
                <ul>
                  {carried
                    .filter((c) => c.part === part)
                    .map((c) => (
                      <li key={c.field}>{t(FIELD_LABELS[c.field])}</li>
                    ))}
                </ul>
              ) : (
                t('settings.handoff.preview.none')
              )}
            </dd>
          </div>
        ))}
      </dl>
      <Checkbox
        id="handoff-contact-emails"
        label={t('settings.handoff.exposure.contactEmails')}
        isChecked={includeContactEmails}
        isDisabled={readOnly}
        onChange={(e) => onIncludeContactEmails(e.currentTarget.checked)}
        testId="handoff-contact-emails"
      />
      <span className="relay-field__help">{t('settings.handoff.exposure.contactEmailsHelp', { project: projectName })}</span>
    </section>
  );
}
