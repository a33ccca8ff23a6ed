import { useState } from 'react';
import { errorMessage, FieldError } from '../lib/components';
import { browsableProjects } from '../lib/gadget';
import { MAX_PIPELINE_PROJECTS, parseProjectKeys, toggleProjectKey } from '../lib/gadget-config';
import { t } from '../lib/i18n';
import { useAsync } from '../lib/use-async';

/** Above this many browsable projects the list gets a filter box, so a long list stays usable. */
const FILTER_FROM = 8;

/**
 * The projects a Pipeline gadget combines: a checkbox per project the user may browse (Jira lists
 * them), so choosing several needs only Tab and Space — no modifier-key multi-select, and no
 * @atlaskit/select runtime in the gadget's budget. Keys already chosen but no longer listed stay
 * visible so they can be unticked. When Jira cannot list projects, keys are typed instead.
 */
export function ProjectsField({ value, onChange, error, help }: { value: string[]; onChange: (keys: string[]) => void; error: string | null; help?: string }) {
  const projects = useAsync(browsableProjects);
  const [query, setQuery] = useState('');
  const [typed, setTyped] = useState(value.join(', '));
  const atMax = value.length >= MAX_PIPELINE_PROJECTS;
  const listed = projects.status === 'ok' ? projects.data : [];
  const unlisted = value.filter((key) => !listed.some((p) => p.key === key)).map((key) => ({ key, name: key }));
  const options = [...unlisted, ...listed];
  const needle = query.trim().toLowerCase();
  const visible = needle ? options.filter((p) => value.includes(p.key) || p.name.toLowerCase().includes(needle) || p.key.toLowerCase().includes(needle)) : options;

  return (
    <fieldset className="relay-field relay-projects" aria-describedby="relay-gadget-projects-help" data-testid="gadget-projects">
      <legend className="relay-projects__legend">{t('gadgets.edit.projects')}</legend>
      {projects.status === 'loading' ? (
        <span className="relay-muted" role="status">
          {t('common.loading')}
        </span>
      ) : projects.status === 'ok' && listed.length > 0 ? (
        <>
          {options.length > FILTER_FROM ? (
            <input type="search" className="relay-projects__filter" aria-label={t('gadgets.edit.projectsFilter')} placeholder={t('gadgets.edit.projectsFilter')} value={query} onChange={(e) => setQuery(e.target.value)} />
          ) : null}
          <ul className="relay-projects__list">
            {visible.map((p) => {
              const chosen = value.includes(p.key);
              return (
                <li key={p.key}>
                  <label className="relay-projects__option">
                    <input type="checkbox" name="projectKeys" value={p.key} checked={chosen} disabled={!chosen && atMax} onChange={(e) => onChange(toggleProjectKey(value, p.key, e.target.checked))} />
                    <span>{p.name === p.key ? p.key : `${p.name} (${p.key})`}</span>
                  </label>
                </li>
              );
            })}
          </ul>
          {visible.length === 0 ? <span className="relay-muted">{t('gadgets.edit.projectsNoMatch')}</span> : null}
        </>
      ) : (
        <input
          id="relay-gadget-projects"
          name="projectKeys"
          aria-label={t('gadgets.edit.projects')}
          value={typed}
          placeholder={t('gadgets.edit.projectsKeyInput')}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange(parseProjectKeys(e.target.value));
          }}
        />
      )}
      <span className="relay-field__help" id="relay-gadget-projects-help">
        {help ?? t('gadgets.edit.projectsHelp', { max: MAX_PIPELINE_PROJECTS })}
      </span>
      <span className="relay-muted" role="status" data-testid="gadget-projects-count">
        {atMax ? t('gadgets.edit.projectsMax', { max: MAX_PIPELINE_PROJECTS }) : t('gadgets.edit.projectsChosen', { count: value.length, max: MAX_PIPELINE_PROJECTS })}
      </span>
      {projects.status === 'error' ? <span className="relay-muted">{errorMessage(projects.error)}</span> : null}
      <FieldError message={error} testId="gadget-project-error" />
    </fieldset>
  );
}
