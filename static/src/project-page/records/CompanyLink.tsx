import { t } from '../../lib/i18n';

/**
 * A record's company, as tables and drawers show it: a link that opens the company's drawer, named
 * once the lookup (useCompanyNames) has it, or "Not set" when the record has none.
 */
export function CompanyLink({ companyId, name, open, testId }: { companyId: string | null | undefined; name: (id: string) => string | undefined; open: (id: string) => void; testId?: string }) {
  if (!companyId) return <>{t('common.notSet')}</>;
  return (
    <button type="button" className="relay-link" onClick={() => open(companyId)} data-testid={testId}>
      {name(companyId) ?? t('common.loading')}
    </button>
  );
}
