import { FieldError } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import type { DraftErrors, LeadDraft } from './lead-draft';
import { numberOf } from './lead-draft';
import '../../lib/areas/leads';

type Sla = LeadDraft['sla'];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The lead response SLA: business hours to answer, and the site's business hours they are counted
 * in (time zone, working days, day start and end). The admin page and the project settings both
 * show it; only Jira admins change it.
 */
export function SlaFields({ sla, errors, readOnly, onChange, idPrefix = 'sla' }: { sla: Sla; errors: DraftErrors; readOnly: boolean; onChange: (next: Sla) => void; idPrefix?: string }) {
  const hours = sla.businessHours;
  const setHours = (change: Partial<Sla['businessHours']>) => onChange({ ...sla, businessHours: { ...hours, ...change } });
  const show = (n: number) => (Number.isNaN(n) ? '' : n);
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="admin-leads__sla" data-testid={`${idPrefix}-fields`}>
      <div className="admin-row">
        <div className="relay-field">
          <label htmlFor={id('hours')}>{t('admin.leads.sla.hours')}</label>
          <input id={id('hours')} type="number" min={1} max={240} value={show(sla.hours)} readOnly={readOnly} onChange={(e) => onChange({ ...sla, hours: numberOf(e.currentTarget.value) })} data-testid={id('hours')} />
          <FieldError id={id('hours-error')} message={errors['sla.hours']} />
        </div>
        <div className="relay-field">
          <label htmlFor={id('zone')}>{t('admin.leads.sla.timeZone')}</label>
          <input id={id('zone')} value={hours.timeZone} readOnly={readOnly} onChange={(e) => setHours({ timeZone: e.currentTarget.value })} />
          <FieldError id={id('zone-error')} message={errors['sla.businessHours.timeZone']} />
        </div>
        <div className="relay-field">
          <label htmlFor={id('start')}>{t('admin.leads.sla.start')}</label>
          <input id={id('start')} type="number" min={0} max={23} value={show(hours.startHour)} readOnly={readOnly} onChange={(e) => setHours({ startHour: numberOf(e.currentTarget.value) })} />
          <FieldError id={id('start-error')} message={errors['sla.businessHours.startHour']} />
        </div>
        <div className="relay-field">
          <label htmlFor={id('end')}>{t('admin.leads.sla.end')}</label>
          <input id={id('end')} type="number" min={1} max={24} value={show(hours.endHour)} readOnly={readOnly} onChange={(e) => setHours({ endHour: numberOf(e.currentTarget.value) })} />
          <FieldError id={id('end-error')} message={errors['sla.businessHours.endHour']} />
        </div>
      </div>
      <fieldset className="admin-leads__group">
        <legend>{t('admin.leads.sla.days')}</legend>
        <div className="admin-leads__days">
          {DAYS.map((day) => (
            <label key={day} className="relay-check">
              <input
                type="checkbox"
                checked={hours.days.includes(day)}
                disabled={readOnly}
                onChange={(e) => setHours({ days: e.currentTarget.checked ? [...hours.days, day].sort((a, b) => a - b) : hours.days.filter((d) => d !== day) })}
              />{' '}
              {t(`weekday.${day}` as MessageKey)}
            </label>
          ))}
        </div>
        <FieldError id={id('days-error')} message={errors['sla.businessHours.days']} />
      </fieldset>
    </div>
  );
}
