import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { CompanyRecord } from '../../../../src/contracts/company';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/components';
import { t } from '../../lib/i18n';
import { rememberCompany, useCompanyNames } from './lookups';
import { withCreatedCompanies } from './recent';
import { useDebounced } from './use-debounced';

/**
 * Chooses a company by typing the start of its name (companies/search, debounced), with
 * the companies this page created that the search does not show yet. The results are
 * buttons in a list, so keyboard users Tab to one and press Enter; the choice shows as a chip with
 * "Change". `id` labels the search box (the surrounding <Field> hands it in).
 */
export function CompanyPicker({ value, onChange, id, isInvalid, 'aria-describedby': describedBy }: { value: string; onChange: (companyId: string) => void; id?: string; isInvalid?: boolean; 'aria-describedby'?: string }) {
  const nameOf = useCompanyNames([value || null]);
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 250);
  const [results, setResults] = useState<CompanyRecord[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (!query) {
      setResults(null);
      return;
    }
    let live = true;
    api.companies.search({ text: query, field: 'name', limit: 8 }).then(
      (page) => {
        if (!live) return;
        page.items.forEach(rememberCompany);
        setResults(withCreatedCompanies(page.items, query, 8));
        setFailure(null);
      },
      (error: unknown) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [query]);

  if (value) {
    return (
      <div className="relay-picked" data-testid="company-picked">
        <span>{nameOf(value) ?? t('common.loading')}</span>
        <Button spacing="compact" onClick={() => onChange('')} aria-describedby={describedBy}>
          {t('records.picker.change')}
        </Button>
      </div>
    );
  }

  return (
    <div className="relay-picker">
      <Textfield
        id={id}
        value={text}
        placeholder={t('records.picker.placeholder')}
        isInvalid={isInvalid}
        aria-describedby={describedBy}
        testId="company-picker-input"
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {failure ? <span className="relay-field__error">{errorMessage(failure)}</span> : null}
      {results ? (
        results.length === 0 ? (
          <p className="relay-muted">{t('records.picker.none')}</p>
        ) : (
          <ul className="relay-picker__results" aria-label={t('records.picker.results')}>
            {results.map((company) => (
              <li key={company.id}>
                <button type="button" className="relay-picker__option" data-testid={`company-option-${company.id}`} onClick={() => onChange(company.id)}>
                  <strong>{company.name}</strong>
                  {company.domain ? <span className="relay-muted"> · {company.domain}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
