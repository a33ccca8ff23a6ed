import { Placeholder } from '../../lib/components';
import { featureKeys } from '../routes';

/** The pipeline subpage (its issue fills it in). */
export default function PipelinePage() {
  return <Placeholder {...featureKeys('pipeline')} />;
}
