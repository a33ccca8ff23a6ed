import { isReadOnly, licenseMode } from '../../../src/contracts/license';
import { Banner } from './banner';
import { useForgeContext } from './context';
import { t } from './i18n';

/** Whether Relay is read-only on this site (its license is not active): surfaces hide what would change something. */
export function useReadOnly(): boolean {
  return isReadOnly(licenseMode(useForgeContext().license));
}

/**
 * Every Custom UI surface says so up front when Relay is read-only on the site (its license is not
 * active): records stay readable, edit controls are gone (the resolvers answer `canEdit: false`),
 * and this note says why and who can change it. Development installs carry no license and never see it.
 */
export function ReadOnlyBanner() {
  if (!useReadOnly()) return null;
  return (
    <Banner tone="warning" role="status" testId="read-only-banner" title={t('license.readOnly.title')}>
      <p className="relay-banner__message">{t('license.readOnly.body')}</p>
    </Banner>
  );
}
