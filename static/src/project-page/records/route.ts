import { useProductPath } from '../../lib/history';
import type { RecordRoute } from './record-paths';
import { recordIdFromPath, recordPath } from './record-paths';

export type { RecordRoute } from './record-paths';

/** The drawer's place in Jira's URL: which record is open on this subpage, and how to open or close one. */
export function useRecordRoute(route: RecordRoute) {
  const { pathname, push } = useProductPath();
  return {
    recordId: recordIdFromPath(pathname, route),
    open: (id: string) => push(recordPath(route, id)),
    openOther: (other: RecordRoute, id: string) => push(recordPath(other, id)),
    close: () => push(`/${route}`),
  };
}
