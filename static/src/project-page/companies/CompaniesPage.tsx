import { Placeholder } from '../../lib/components';
import { featureKeys } from '../routes';

/** The companies subpage (its issue fills it in). */
export default function CompaniesPage() {
  return <Placeholder {...featureKeys('companies')} />;
}
