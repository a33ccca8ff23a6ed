import type { ReactNode } from 'react';
import { createContext, useCallback, useContext } from 'react';
import type { ProjectContext } from '../../../src/contracts/project';
import { api } from './api';
import { useForgeContext } from './context';
import { useAsync, type AsyncState } from './use-async';

/**
 * The project a CRM surface is shown in, what the user may do there and its pipeline, loaded once
 * per page (`projects/context`) and shared by every view. `reload()` after enabling the CRM or
 * saving the pipeline. The UI uses `canEdit`/`canAdmin` to hide what would be refused; the server
 * checks every write regardless.
 */
type ProjectState = AsyncState<ProjectContext> & { reload: () => void };

const Holder = createContext<ProjectState | null>(null);

export function ProjectProvider({ children }: { children: ReactNode }) {
  const { extension } = useForgeContext();
  const projectKey = extension.project?.key ?? '';
  const load = useCallback(() => api.projects.context({ projectKey }), [projectKey]);
  const state = useAsync(load);
  return <Holder.Provider value={state}>{children}</Holder.Provider>;
}

export function useProject(): ProjectState {
  const value = useContext(Holder);
  if (!value) throw new Error('useProject() is used outside <ProjectProvider>');
  return value;
}
