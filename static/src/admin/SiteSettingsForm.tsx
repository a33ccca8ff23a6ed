import Button, { IconButton } from '@atlaskit/button/new';
import DeleteIcon from '@atlaskit/icon/core/delete';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { GLOSSARY, GLOSSARY_KEYS } from '../../../src/domain/glossary';
import { api } from '../lib/api';
import { Card, ErrorBanner, FieldError, flagError } from '../lib/components';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';
import { useVersionedForm } from '../lib/use-versioned-form';
import { FiscalPreview, UnconvertedList } from './SiteFigures';
import type { FieldErrors, SiteRecord } from './site-draft';
import { addRate, checkDraft, draftOf, mapFieldErrors, removeRate, sameDraft, setOverride, updateRate } from './site-draft';
import '../lib/areas/insights';

let rowIds = 0;
const newRowKey = () => `new-${++rowIds}`;

function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
}

/** aria-describedby for a field: its error when there is one, then its help. */
function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * Jira settings → Apps → Relay CRM: the reporting currency, exchange rates, fiscal year start and
 * the definitions glossary. Edits stay in a draft until Save, which checks it with the shared
 * schema (messages beside the fields) and sends the version it was read at; a CONFLICT offers the
 * version someone else saved. Read only for users who are not Jira administrators (`canEdit`).
 */
export function SiteSettingsForm({ initial, locale }: { initial: SiteRecord; locale: string }) {
  const form = useVersionedForm({
    initial,
    draftOf,
    sameDraft,
    check: (draft, record) => checkDraft(draft, record.version),
    send: (input) => api.settings.saveSite(input),
    noServerErrors: {} as FieldErrors,
    serverErrors: mapFieldErrors,
    // The conflict's action asks for the current settings (loadCurrent) rather than reading them from the error.
    parseCurrent: () => null,
    savedMessage: t('admin.saved'),
    saveFailedMessage: t('admin.saveFailed'),
  });
  const { record, draft, attempted, failure, conflict, saving, dirty, change, reset } = form;
  const readOnly = !record.canEdit;
  const errors: FieldErrors = { ...form.serverErrors, ...(attempted ? checkDraft(draft, record.version).fields : {}) };
  const months = monthNames(locale);

  const loadCurrent = async () => {
    try {
      reset(await api.settings.site());
    } catch (error) {
      flagError(error);
    }
  };

  const invalid = attempted && Object.keys(errors).length > 0;
  const reporting = draft.reportingCurrency.trim().toUpperCase() || '…';

  return (
    <form
      className="relay-form admin-form"
      aria-label={t('admin.title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!readOnly) void form.save();
      }}
    >
      {readOnly ? (
        <div data-testid="admin-read-only">
          <SectionMessage appearance="information" title={t('admin.readOnly.title')}>
            <p>{t('admin.readOnly.body')}</p>
          </SectionMessage>
        </div>
      ) : null}

      <Card title={t('admin.settings.title')} testId="admin-reporting">
        <p className="relay-muted">{t('admin.settings.help')}</p>
        <div className="admin-row">
          <div className="relay-field">
            <label htmlFor="reporting-currency">{t('admin.currency')}</label>
            <Textfield
              id="reporting-currency"
              value={draft.reportingCurrency}
              maxLength={3}
              isReadOnly={readOnly}
              isInvalid={errors.reportingCurrency !== undefined}
              aria-describedby={describedBy(errors.reportingCurrency !== undefined && 'reporting-currency-error', 'reporting-currency-help')}
              onChange={(e) => change({ ...draft, reportingCurrency: e.currentTarget.value.toUpperCase() })}
            />
            <span className="relay-field__help" id="reporting-currency-help">
              {t('admin.currencyHelp')}
            </span>
            <FieldError id="reporting-currency-error" message={errors.reportingCurrency} />
          </div>
          <div className="relay-field">
            <label htmlFor="fiscal-year-start">{t('admin.fiscalYear')}</label>
            <select
              id="fiscal-year-start"
              className="admin-select"
              value={draft.fiscalYearStartMonth}
              disabled={readOnly}
              onChange={(e) => change({ ...draft, fiscalYearStartMonth: Number(e.currentTarget.value) })}
            >
              {months.map((name, i) => (
                <option key={name} value={i + 1}>
                  {name}
                </option>
              ))}
            </select>
            <FiscalPreview startMonth={draft.fiscalYearStartMonth} locale={locale} />
            <FieldError id="fiscal-year-start-error" message={errors.fiscalYearStartMonth} />
          </div>
        </div>
      </Card>

      <Card title={t('admin.rates.title')} testId="admin-rates">
        <p className="relay-muted">{t('admin.rates.help')}</p>
        {draft.rates.length === 0 ? <p className="relay-muted">{t('admin.rates.empty')}</p> : null}
        <UnconvertedList list={record.unconverted} reportingCurrency={record.reportingCurrency} locale={locale} />
        <ul className="admin-rates">
          {draft.rates.map((row, i) => {
            const ids = { currency: `rate-${i}-currency`, rate: `rate-${i}-rate` };
            const err = { currency: errors[`rates.${i}.currency`], rate: errors[`rates.${i}.rate`] };
            return (
              <li key={row.key} className="admin-rates__row" data-testid={`rate-${i}`}>
                <div className="relay-field">
                  <label htmlFor={ids.currency}>{t('admin.rates.currency')}</label>
                  <Textfield
                    id={ids.currency}
                    value={row.currency}
                    maxLength={3}
                    isReadOnly={readOnly}
                    isInvalid={err.currency !== undefined}
                    aria-describedby={err.currency ? `${ids.currency}-error` : undefined}
                    onChange={(e) => change(updateRate(draft, i, { currency: e.currentTarget.value.toUpperCase() }))}
                  />
                  <FieldError id={`${ids.currency}-error`} message={err.currency} />
                </div>
                <div className="relay-field">
                  <label htmlFor={ids.rate}>{t('admin.rates.rate')}</label>
                  <Textfield
                    id={ids.rate}
                    value={row.rate}
                    inputMode="decimal"
                    isReadOnly={readOnly}
                    isInvalid={err.rate !== undefined}
                    aria-describedby={describedBy(err.rate !== undefined && `${ids.rate}-error`, `${ids.rate}-help`)}
                    onChange={(e) => change(updateRate(draft, i, { rate: e.currentTarget.value }))}
                  />
                  <span className="relay-field__help" id={`${ids.rate}-help`}>
                    {t('admin.rates.rateHelp', { from: row.currency || '…', rate: row.rate || '…', to: reporting })}
                  </span>
                  <FieldError id={`${ids.rate}-error`} message={err.rate} />
                </div>
                {readOnly ? null : (
                  <div className="admin-rates__remove">
                    <IconButton icon={DeleteIcon} label={t('admin.rates.remove', { currency: row.currency || '…' })} onClick={() => change(removeRate(draft, i))} testId={`rate-${i}-remove`} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
        <FieldError id="rates-error" message={errors.rates} />
        {readOnly ? null : (
          <div>
            <Button onClick={() => change(addRate(draft, newRowKey()))} testId="rate-add">
              {t('admin.rates.add')}
            </Button>
          </div>
        )}
      </Card>

      <Card title={t('admin.glossary.title')} testId="admin-glossary">
        <p className="relay-muted">{t('admin.glossary.help')}</p>
        <ul className="admin-glossary">
          {GLOSSARY_KEYS.map((key) => {
            const id = `glossary-${key}`;
            const error = errors[`glossary.${key}`];
            const text = draft.overrides[key];
            return (
              <li key={key} className="admin-glossary__item" data-testid={id}>
                <div className="admin-glossary__head">
                  <label htmlFor={id}>{t(`insights.glossary.${key}` as MessageKey)}</label>
                  {text.trim() ? <span className="relay-lozenge">{t('admin.glossary.overridden')}</span> : null}
                  {text.trim() && !readOnly ? (
                    <Button appearance="subtle" spacing="compact" onClick={() => change(setOverride(draft, key, ''))} testId={`${id}-reset`}>
                      {t('admin.glossary.reset')}
                    </Button>
                  ) : null}
                </div>
                <Textarea
                  id={id}
                  value={text}
                  placeholder={GLOSSARY[key]}
                  minimumRows={2}
                  resize="vertical"
                  maxLength={500}
                  isReadOnly={readOnly}
                  isInvalid={error !== undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(e) => change(setOverride(draft, key, e.currentTarget.value))}
                />
                <FieldError id={`${id}-error`} message={error} />
              </li>
            );
          })}
        </ul>
      </Card>

      {conflict ? (
        <div role="alert" data-testid="admin-conflict">
          <SectionMessage appearance="warning" title={t('admin.conflict.title')} actions={<SectionMessageAction onClick={() => void loadCurrent()}>{t('admin.conflict.load')}</SectionMessageAction>}>
            <p>{conflict.error.message}</p>
            <p>{t('admin.conflict.body')}</p>
          </SectionMessage>
        </div>
      ) : null}
      {failure ? <ErrorBanner error={failure} /> : null}
      {invalid ? (
        <p className="relay-field__error" role="alert" data-testid="admin-invalid">
          {t('admin.invalid')}
        </p>
      ) : null}

      {readOnly ? null : (
        <div className="relay-savebar">
          {dirty ? <span className="relay-muted">{t('admin.unsaved')}</span> : null}
          <Button appearance="subtle" onClick={() => reset(record)} isDisabled={!dirty || saving} testId="admin-discard">
            {t('admin.discard')}
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving} testId="admin-save">
            {t('admin.save')}
          </Button>
        </div>
      )}
    </form>
  );
}
