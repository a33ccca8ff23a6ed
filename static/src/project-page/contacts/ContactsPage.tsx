import { Placeholder } from '../../lib/components';
import { featureKeys } from '../routes';

/** The contacts subpage (its issue fills it in). */
export default function ContactsPage() {
  return <Placeholder {...featureKeys('contacts')} />;
}
