import { Placeholder } from '../../lib/components';
import { featureKeys } from '../routes';

/** The deals subpage (its issue fills it in). */
export default function DealsPage() {
  return <Placeholder {...featureKeys('deals')} />;
}
