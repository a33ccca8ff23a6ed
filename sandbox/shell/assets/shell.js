/*
 * The sandbox's Jira-like page: pick a user, a project, and see Relay where Jira shows it.
 *
 * Locations live in the hash (#/projects/SALES/apps/relay-crm/deals), so reloads and links land on
 * the same screen. The signed-in user is kept in localStorage. Custom UI modules load in iframes
 * served by /frame/<moduleKey>; they talk to this page with postMessage (assets/bridge.js).
 * Everything a person does to issues goes to the server's /api, which calls Jira REST as them.
 */
(function shell() {
  'use strict';

  const state = { site: null, accountId: null, colorMode: localStorage.getItem('relay-shell-theme') === 'dark' ? 'dark' : 'light' };
  /** What the current view mounted with the shell host (UI Kit surfaces, the dashboard): unmounted when the view changes. */
  let mounted = [];
  /** The dashboard on screen, which hears its gadget frames' submit and close. */
  let dashboardMount = null;
  const main = document.getElementById('main');
  const sidebar = document.getElementById('sidebar');
  const switcher = document.getElementById('user-switcher');
  const flags = document.getElementById('flags');
  const themeSwitcher = document.getElementById('theme-switcher');

  // ------------------------------------------------------------------ helpers

  function h(tag, attrs) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (let i = 2; i < arguments.length; i++) {
      const child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach((c) => c && node.append(c));
      else node.append(child);
    }
    return node;
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method: method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data;
    try {
      data = await response.json();
    } catch {
      data = { ok: false, message: 'The sandbox answered ' + response.status };
    }
    if (!data.ok && !data.message && data.error) data.message = data.error.message;
    data.httpStatus = response.status;
    return data;
  }

  /**
   * The shell host (shell/host, loaded as a module by shell.html): the parts of the page drawn with
   * the Atlassian design system, as Jira draws them — UI Kit surfaces and the dashboards.
   */
  function shellHost() {
    if (window.RelayShellHost) return Promise.resolve(window.RelayShellHost);
    return new Promise((resolve) => window.addEventListener('relay-shell-host-ready', () => resolve(window.RelayShellHost), { once: true }));
  }

  function unmountAll() {
    for (const handle of mounted) handle.unmount();
    mounted = [];
    dashboardMount = null;
  }

  function modulesOf(type) {
    return state.site.modules.filter((m) => m.type === type);
  }

  function currentUser() {
    return state.site.users.find((u) => u.accountId === state.accountId);
  }

  // ------------------------------------------------------------------ location

  function parseHash() {
    const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'projects' && parts[1]) {
      const at = { projectKey: parts[1], view: parts[2] || 'issues' };
      if (at.view === 'issues' && parts[3]) {
        at.view = 'issue';
        at.issueKey = parts[3];
      } else if (at.view === 'apps') {
        at.view = 'project-page';
        at.moduleKey = parts[3];
        at.route = parts.slice(4).join('/');
        // The subpage without its query (a gadget opens the board with filters), for the sidebar.
        at.subpage = at.route.split('?')[0];
      } else if (at.view === 'settings') {
        at.moduleKey = parts[3];
      }
      return at;
    }
    if (parts[0] === 'dashboard') return { view: 'dashboard', dashboardId: null };
    if (parts[0] === 'dashboards' && parts[1]) return { view: 'dashboard', dashboardId: parts[1] };
    if (parts[0] === 'admin') return { view: 'admin', moduleKey: parts[1] };
    return { view: 'home' };
  }

  function hashOf(at) {
    const p = at.projectKey ? '#/projects/' + encodeURIComponent(at.projectKey) : '#';
    switch (at.view) {
      case 'issues':
        return p + '/issues';
      case 'issue':
        return p + '/issues/' + encodeURIComponent(at.issueKey);
      case 'project-page':
        return p + '/apps/' + encodeURIComponent(at.moduleKey) + (at.route ? '/' + at.route : '');
      case 'settings':
        return p + '/settings/' + encodeURIComponent(at.moduleKey);
      case 'dashboard':
        return at.dashboardId ? '#/dashboards/' + encodeURIComponent(at.dashboardId) : '#/dashboard';
      case 'admin':
        return '#/admin/' + encodeURIComponent(at.moduleKey);
      default:
        return '#/';
    }
  }

  function go(at) {
    const next = hashOf(at);
    if (location.hash === next) render();
    else location.hash = next;
  }

  // ------------------------------------------------------------------ frames

  /** Every Custom UI iframe on the page, to route postMessage answers and relay events. */
  function frames() {
    return Array.from(document.querySelectorAll('iframe[data-module]'));
  }

  function frameQuery(params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
    return query.toString();
  }

  function customUiFrame(moduleKey, params, testId, label) {
    const src = '/frame/' + encodeURIComponent(moduleKey) + '?' + frameQuery(Object.assign({ accountId: state.accountId, theme: state.colorMode }, params));
    const frame = h('iframe', { class: 'frame', src: src, title: label, 'data-module': moduleKey, 'data-testid': testId });
    return h('div', { class: 'frame-box' }, frame);
  }

  function showFlag(flag) {
    const id = String(flag.id || Date.now());
    const existing = flags.querySelector('[data-flag-id="' + CSS.escape(id) + '"]');
    if (existing) existing.remove();
    const node = h(
      'div',
      { class: 'flag flag--' + (flag.type || 'info'), role: 'status', 'data-testid': 'flag', 'data-flag-id': id },
      h('p', { class: 'flag__title', text: flag.title || '' }),
      flag.description ? h('p', { class: 'flag__body', text: String(flag.description) }) : null,
      h('button', { class: 'button', type: 'button', text: 'Dismiss', onclick: () => node.remove() }),
    );
    flags.append(node);
    if (flag.isAutoDismiss !== false) setTimeout(() => node.remove(), 8000);
  }

  /** A router `{ target: 'module', moduleKey, projectKey?, path? }` as a shell location, or null when the app has no such page. */
  function moduleLocation(target) {
    const module = state.site.modules.find((m) => m.key === target.moduleKey);
    if (!module) return null;
    const route = String(target.path || '').replace(/^\/+/, '');
    if (module.type === 'jira:projectPage' && target.projectKey) return { view: 'project-page', projectKey: target.projectKey, moduleKey: module.key, route: route };
    if (module.type === 'jira:projectSettingsPage' && target.projectKey) return { view: 'settings', projectKey: target.projectKey, moduleKey: module.key };
    if (module.type === 'jira:adminPage') return { view: 'admin', moduleKey: module.key };
    return null;
  }

  function navigateTo(target) {
    if (!target) return;
    if (target.url) {
      if (target.type === 'new-tab') window.open(target.url, '_blank', 'noopener');
      else window.location.href = target.url;
      return;
    }
    if (target.target === 'module') {
      // Forge's module location: one of the app's own pages, in a project when the module needs one.
      const at = moduleLocation(target);
      if (!at) return showFlag({ id: 'nav', type: 'error', title: 'Navigation', description: 'No page of this app is module ' + JSON.stringify(target.moduleKey) });
      if (target.type === 'new-tab') window.open(hashOf(at), '_blank', 'noopener');
      else go(at);
    } else if (target.target === 'issue' && target.issueKey) {
      go({ view: 'issue', projectKey: String(target.issueKey).split('-')[0], issueKey: target.issueKey });
    } else if (target.target === 'projectSummary' || target.target === 'projectIssues') {
      go({ view: 'issues', projectKey: target.projectKey || target.projectIdOrKey });
    } else if (target.target === 'dashboard') {
      go({ view: 'dashboard' });
    } else {
      showFlag({ id: 'nav', type: 'warning', title: 'Navigation', description: 'The sandbox shell cannot open ' + JSON.stringify(target) });
    }
  }

  window.addEventListener('message', (message) => {
    const data = message.data;
    if (!data || data.source !== 'relay-frame') return;
    const frame = frames().find((f) => f.contentWindow === message.source);
    if (!frame) return;
    switch (data.type) {
      case 'resize':
        frame.style.height = Math.max(160, Number(data.height) || 0) + 'px';
        break;
      case 'history': {
        // The project page moved to a subpage: Jira puts it in the address bar and the sidebar.
        const at = parseHash();
        if (at.view === 'project-page') {
          at.route = String(data.pathname || '/').replace(/^\/+/, '');
          history.pushState(null, '', hashOf(at));
          renderSidebar();
        }
        break;
      }
      case 'flag':
        showFlag(data.flag || {});
        break;
      case 'close-flag': {
        const node = flags.querySelector('[data-flag-id="' + CSS.escape(String(data.id)) + '"]');
        if (node) node.remove();
        break;
      }
      case 'event':
        for (const other of frames()) {
          if (other !== frame && other.contentWindow) other.contentWindow.postMessage({ target: 'relay-frame', type: 'event', event: data.event, payload: data.payload }, '*');
        }
        break;
      case 'gadget-submitted':
      case 'gadget-close':
        if (dashboardMount) dashboardMount.gadgetEvent({ type: data.type === 'gadget-submitted' ? 'submitted' : 'closed', gadgetId: String(data.gadgetId) });
        break;
      case 'refresh':
        // A fresh load opens a fresh session, as Jira re-creates the extension.
        if (frame.contentWindow) frame.contentWindow.location.reload();
        break;
      case 'navigate':
        navigateTo(data.location);
        break;
      case 'title':
        document.title = data.title + ' · Relay sandbox';
        break;
    }
  });

  // ------------------------------------------------------------------ top bar and sidebar

  function renderSwitcher() {
    switcher.replaceChildren(...state.site.users.map((u) => h('option', { value: u.accountId, text: u.displayName, selected: u.accountId === state.accountId })));
  }

  function navButton(label, at, testId, current, sub) {
    return h('li', {}, h('button', { type: 'button', class: 'nav-link' + (sub ? ' nav-link--sub' : ''), 'data-testid': testId, 'aria-current': current ? 'page' : null, text: label, onclick: () => onNav(at) }));
  }

  function onNav(at) {
    const here = parseHash();
    const frame = document.querySelector('iframe[data-testid="frame-project-page"]');
    // Moving between subpages of the open project page keeps the iframe: Jira tells its history.
    if (here.view === 'project-page' && at.view === 'project-page' && here.projectKey === at.projectKey && here.moduleKey === at.moduleKey && frame && frame.contentWindow) {
      history.pushState(null, '', hashOf(at));
      frame.contentWindow.postMessage({ target: 'relay-frame', type: 'navigate', pathname: '/' + (at.route || '') }, '*');
      renderSidebar();
      return;
    }
    go(at);
  }

  function renderSidebar() {
    const at = parseHash();
    const items = [h('h2', { text: 'Projects' })];
    items.push(
      h(
        'ul',
        { 'data-testid': 'project-list' },
        state.site.projects.map((p) => navButton(p.name + ' (' + p.key + ')', { view: 'issues', projectKey: p.key }, 'project-' + p.key, at.projectKey === p.key && at.view === 'issues', false)),
      ),
    );
    if (at.projectKey) {
      const project = state.site.projects.find((p) => p.key === at.projectKey);
      items.push(h('h2', { text: project ? project.name : at.projectKey }));
      const list = [navButton('Issues', { view: 'issues', projectKey: at.projectKey }, 'nav-issues', at.view === 'issues' || at.view === 'issue', false)];
      for (const page of modulesOf('jira:projectPage')) {
        const onPage = at.view === 'project-page' && at.moduleKey === page.key;
        list.push(navButton(page.title, { view: 'project-page', projectKey: at.projectKey, moduleKey: page.key, route: '' }, 'nav-project-page', onPage && !at.route, false));
        for (const sub of page.pages) {
          list.push(navButton(sub.title, { view: 'project-page', projectKey: at.projectKey, moduleKey: page.key, route: sub.route }, 'nav-page-' + sub.route, onPage && at.subpage === sub.route, true));
        }
      }
      for (const settings of modulesOf('jira:projectSettingsPage')) {
        list.push(navButton('Project settings · ' + settings.title, { view: 'settings', projectKey: at.projectKey, moduleKey: settings.key }, 'nav-settings', at.view === 'settings', false));
      }
      items.push(h('ul', {}, list));
    }
    items.push(h('h2', { text: 'Your work' }));
    const global = [navButton('Dashboard', { view: 'dashboard' }, 'nav-dashboard', at.view === 'dashboard', false)];
    // As in Jira: admin pages in the Apps sidebar; the Get started page is reached from Manage apps.
    for (const admin of modulesOf('jira:adminPage')) {
      const label = admin.useAsGetStarted ? 'Manage apps · ' + admin.title : 'Apps · ' + admin.title;
      global.push(navButton(label, { view: 'admin', moduleKey: admin.key }, admin.useAsGetStarted ? 'nav-get-started' : 'nav-admin', at.view === 'admin' && at.moduleKey === admin.key, false));
    }
    items.push(h('ul', {}, global));
    sidebar.replaceChildren(...items);
  }

  // ------------------------------------------------------------------ views

  function header(title, crumbs) {
    return [h('div', { class: 'crumbs', text: crumbs }), h('h1', { text: title })];
  }

  function signInAs(accountId) {
    state.accountId = accountId;
    localStorage.setItem('relay-shell-user', accountId);
    render();
  }

  /** The sandbox's start page: who is on the site and what they do, and where to begin. */
  function renderHome() {
    const user = currentUser();
    const people = h(
      'table',
      { class: 'issues', 'data-testid': 'people' },
      h('thead', {}, h('tr', {}, ['Person', 'What they do', ''].map((t) => h('th', { text: t })))),
      h(
        'tbody',
        {},
        state.site.users.map((u) =>
          h(
            'tr',
            {},
            h('td', { text: u.displayName }),
            h('td', { class: 'muted', text: u.role || '' }),
            h('td', {}, u.accountId === state.accountId ? h('span', { class: 'muted', text: 'Signed in' }) : h('button', { type: 'button', class: 'button', text: 'Sign in as ' + u.displayName.split(' ')[0], onclick: () => signInAs(u.accountId) })),
          ),
        ),
      ),
    );
    const page = modulesOf('jira:projectPage')[0];
    const places = state.site.projects.map((p) =>
      h(
        'li',
        {},
        h('strong', { text: p.name + ' ' }),
        page ? h('a', { href: hashOf({ view: 'project-page', projectKey: p.key, moduleKey: page.key, route: 'pipeline' }), text: page.title }) : null,
        page ? ' · ' : null,
        h('a', { href: hashOf({ view: 'issues', projectKey: p.key }), text: 'Issues' }),
      ),
    );
    main.replaceChildren(
      ...header('Welcome, ' + (user ? user.displayName : ''), 'Relay sandbox'),
      h('p', { class: 'intro', text: 'A local Jira site with Relay installed. Switch person in the top bar: each one sees what their Jira permissions allow.' }),
      h('section', { class: 'card' }, h('h2', { text: 'People on this site' }), people),
      h('section', { class: 'card' }, h('h2', { text: 'Where to start' }), h('ul', { class: 'places' }, h('li', {}, h('a', { href: '#/dashboard', text: 'Dashboards' }), ' — the numbers managers read'), places)),
    );
  }

  function lozenge(status, category, testId) {
    return h('span', { class: 'lozenge lozenge--' + (category || 'new'), 'data-testid': testId || 'issue-status', text: status });
  }

  /** Issues this page created, read consistently by the issue list although search lags behind. */
  let createdIds = [];

  async function renderIssues(at) {
    const project = state.site.projects.find((p) => p.key === at.projectKey);
    const message = h('div', { 'data-testid': 'create-result' });
    const summary = h('input', { name: 'summary', 'data-testid': 'create-summary', placeholder: 'What needs to be done?', required: true });
    const type = h('select', { name: 'issueType', 'data-testid': 'create-type' }, ['Task', 'Story', 'Bug', 'Epic'].map((t) => h('option', { value: t, text: t })));
    const submit = h('button', { type: 'submit', class: 'button button--primary', 'data-testid': 'create-submit', text: 'Create' });
    const form = h(
      'form',
      {
        class: 'form-row',
        'aria-label': 'Create issue',
        onsubmit: async (event) => {
          event.preventDefault();
          submit.disabled = true;
          const answer = await api('POST', '/api/issues', { accountId: state.accountId, projectKey: at.projectKey, issueType: type.value, summary: summary.value });
          submit.disabled = false;
          if (answer.ok) {
            summary.value = '';
            message.replaceChildren(h('div', { class: 'alert alert--ok', role: 'status', 'data-testid': 'create-ok', text: 'Created ' + answer.key }));
            // Search lags behind writes; Jira's answer is to reconcile the ids you just created (≤ 50).
            if (answer.id) createdIds = [...createdIds, answer.id].slice(-50);
            await loadIssues();
          } else {
            message.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert', 'data-testid': 'create-error', text: answer.message + ' (' + answer.httpStatus + ')' }));
          }
        },
      },
      h('label', {}, 'Summary', summary),
      h('label', {}, 'Type', type),
      submit,
    );
    const list = h('div', { 'data-testid': 'issue-list' }, h('p', { class: 'muted', text: 'Loading issues…' }));
    async function loadIssues() {
      const answer = await api('GET', '/api/issues?' + frameQuery({ accountId: state.accountId, projectKey: at.projectKey, reconcile: createdIds.join(',') }));
      if (!answer.ok) {
        list.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert', 'data-testid': 'issues-error', text: answer.message }));
        return;
      }
      if (answer.issues.length === 0) {
        list.replaceChildren(h('p', { class: 'muted', 'data-testid': 'issues-empty', text: 'No issues yet.' }));
        return;
      }
      list.replaceChildren(
        h(
          'table',
          { class: 'issues' },
          h('thead', {}, h('tr', {}, ['Key', 'Summary', 'Type', 'Status'].map((t) => h('th', { text: t })))),
          h(
            'tbody',
            {},
            answer.issues.map((issue) =>
              h(
                'tr',
                { 'data-testid': 'issue-row-' + issue.key },
                h('td', {}, h('a', { href: hashOf({ view: 'issue', projectKey: at.projectKey, issueKey: issue.key }), text: issue.key })),
                h('td', { text: issue.summary }),
                h('td', { text: issue.issueType }),
                h('td', {}, lozenge(issue.status, issue.statusCategory)),
              ),
            ),
          ),
        ),
      );
    }
    main.replaceChildren(...header((project ? project.name : at.projectKey) + ' issues', 'Projects / ' + at.projectKey), h('section', { class: 'card' }, h('h2', { text: 'Create issue' }), form, message), list);
    await loadIssues();
  }

  function userNames() {
    const names = {};
    for (const u of state.site.users) names[u.accountId] = u.displayName;
    return names;
  }

  /**
   * A UI Kit surface where Jira shows it: the app's real @forge/react tree, run on the shell server
   * and drawn here with the Atlassian design system; clicks and typing go back to the app.
   */
  function uikitSurface(module, at, kind) {
    const body = h('div', { class: 'uikit__body', 'data-testid': 'uikit-' + module.key });
    const box = h('section', { class: 'uikit uikit--' + kind, 'aria-label': module.title }, h('h2', { class: 'uikit__title', text: module.title }), body);
    const handle = { module: module, surface: null, unmount: () => handle.surface && handle.surface.unmount() };
    mounted.push(handle);
    void shellHost().then((host) => {
      if (!mounted.includes(handle)) return;
      handle.surface = host.mountUiKit(body, { target: { accountId: state.accountId, moduleKey: module.key, issueKey: at.issueKey }, users: userNames(), onFlag: showFlag });
    });
    return { box: box, handle: handle };
  }

  async function renderIssue(at) {
    main.replaceChildren(...header(at.issueKey, 'Projects / ' + at.projectKey + ' / Issues'), h('p', { class: 'muted', text: 'Loading…' }));
    const answer = await api('GET', '/api/issue?' + frameQuery({ accountId: state.accountId, issueKey: at.issueKey }));
    if (!answer.ok) {
      main.replaceChildren(...header(at.issueKey, 'Projects / ' + at.projectKey + ' / Issues'), h('div', { class: 'alert alert--error', role: 'alert', 'data-testid': 'issue-error', text: answer.message }));
      return;
    }
    const surfaces = [];
    const summaryCard = h('section', { class: 'card' });
    const workflowCard = h('section', { class: 'card' });

    const detailsCard = h('section', { class: 'card' });

    function issueLink(child) {
      return h('a', { href: hashOf({ view: 'issue', projectKey: String(child.key).split('-')[0], issueKey: child.key }), text: child.key });
    }

    function showIssue(view) {
      const issue = view.issue;
      const description = issue.description.length
        ? issue.description.map((block) => h(block.kind === 'heading' ? 'h3' : 'p', { class: 'description__' + block.kind, text: block.kind === 'item' ? '• ' + block.text : block.text }))
        : [h('p', { class: 'muted', text: 'No description.' })];
      summaryCard.replaceChildren(
        h('p', {}, issue.issueType + ' · ', lozenge(issue.status, issue.statusCategory)),
        h('div', { class: 'description', 'data-testid': 'issue-description' }, description),
        view.children.length
          ? h(
              'div',
              { 'data-testid': 'issue-children' },
              h('h3', { text: 'Child issues' }),
              h('ul', { class: 'children' }, view.children.map((child) => h('li', {}, issueLink(child), ' ' + child.summary + ' ', lozenge(child.status, child.statusCategory, 'child-status')))),
            )
          : null,
      );
      const fact = (label, value) => h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, value || h('span', { class: 'muted', text: 'None' })));
      detailsCard.replaceChildren(
        h('h2', { text: 'Details' }),
        h(
          'dl',
          { class: 'facts', 'data-testid': 'issue-details' },
          fact('Assignee', issue.assignee),
          fact('Reporter', issue.reporter),
          fact('Labels', issue.labels.join(', ')),
          fact('Due date', issue.dueDate),
          issue.parent ? fact('Parent', h('span', {}, issueLink(issue.parent), ' ' + issue.parent.summary)) : null,
        ),
      );
      const result = h('div', { 'data-testid': 'transition-result' });
      const buttons = view.transitions.map((t) =>
        h('button', {
          type: 'button',
          class: 'button',
          'data-testid': 'transition-' + t.to,
          text: t.name === t.to ? t.name : t.name + ' → ' + t.to,
          onclick: async () => {
            const done = await api('POST', '/api/transition', { accountId: state.accountId, issueKey: issue.key, transitionId: t.id });
            if (!done.ok) {
              result.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert', 'data-testid': 'transition-error', text: done.message + ' (' + done.httpStatus + ')' }));
              return;
            }
            // As Jira's issue view: the issue redraws in place and its extensions hear JIRA_ISSUE_CHANGED.
            const fresh = await api('GET', '/api/issue?' + frameQuery({ accountId: state.accountId, issueKey: issue.key }));
            if (fresh.ok) showIssue(fresh);
            const payload = { issueId: issue.id, projectId: issue.projectId, changes: [{ changeType: 'updated', atlassianId: state.accountId }] };
            for (const s of surfaces) if (s.handle.surface) void s.handle.surface.productEvent('JIRA_ISSUE_CHANGED', payload);
          },
        }),
      );
      workflowCard.replaceChildren(
        h('h2', { text: 'Workflow' }),
        buttons.length ? h('div', { class: 'form-row' }, buttons) : h('p', { class: 'muted', text: view.transitionsError || 'No transitions available to you.' }),
        result,
      );
    }

    showIssue(answer);
    for (const m of modulesOf('jira:issuePanel')) surfaces.push(uikitSurface(m, at, 'panel'));
    const context = [];
    for (const m of modulesOf('jira:issueContext')) {
      const s = uikitSurface(m, at, 'context');
      surfaces.push(s);
      context.push(s);
    }
    const panels = surfaces.filter((s) => !context.includes(s));
    const issue = answer.issue;
    main.replaceChildren(
      ...header(issue.key + ' · ' + issue.summary, 'Projects / ' + issue.projectKey + ' / Issues'),
      h('div', { class: 'issue-layout' }, h('div', {}, summaryCard, panels.map((s) => s.box)), h('aside', {}, workflowCard, detailsCard, context.map((s) => s.box))),
    );
  }

  function renderProjectPage(at) {
    const page = state.site.modules.find((m) => m.key === at.moduleKey) || modulesOf('jira:projectPage')[0];
    if (!page) return main.replaceChildren(h('p', { text: 'The app declares no project page.' }));
    main.replaceChildren(...header(page.title, 'Projects / ' + at.projectKey + ' / Apps'), customUiFrame(page.key, { projectKey: at.projectKey, route: at.route }, 'frame-project-page', page.title));
  }

  function renderSettings(at) {
    const settings = state.site.modules.find((m) => m.key === at.moduleKey) || modulesOf('jira:projectSettingsPage')[0];
    if (!settings) return main.replaceChildren(h('p', { text: 'The app declares no project settings page.' }));
    main.replaceChildren(...header(settings.title, 'Projects / ' + at.projectKey + ' / Project settings'), customUiFrame(settings.key, { projectKey: at.projectKey }, 'frame-settings', settings.title));
  }

  function renderAdmin(at) {
    const admin = state.site.modules.find((m) => m.key === at.moduleKey) || modulesOf('jira:adminPage')[0];
    if (!admin) return main.replaceChildren(h('p', { text: 'The app declares no admin page.' }));
    main.replaceChildren(...header(admin.title, 'Jira settings / Apps'), customUiFrame(admin.key, {}, 'frame-admin', admin.title));
  }

  function renderDashboard(at) {
    const area = h('div', { 'data-testid': 'dashboard-page' });
    main.replaceChildren(area);
    const handle = { mount: null, unmount: () => handle.mount && handle.mount.unmount() };
    mounted.push(handle);
    void shellHost().then((host) => {
      if (!mounted.includes(handle)) return;
      handle.mount = host.mountDashboard(area, {
        accountId: state.accountId,
        dashboardId: at.dashboardId,
        gadgetTypes: state.site.gadgetTypes,
        colorMode: state.colorMode,
        onOpenDashboard: (id) => go({ view: 'dashboard', dashboardId: id }),
      });
      dashboardMount = handle.mount;
    });
  }

  function render() {
    unmountAll();
    renderSwitcher();
    renderSidebar();
    const at = parseHash();
    switch (at.view) {
      case 'issues':
        return renderIssues(at);
      case 'issue':
        return renderIssue(at);
      case 'project-page':
        return renderProjectPage(at);
      case 'settings':
        return renderSettings(at);
      case 'dashboard':
        return renderDashboard(at);
      case 'admin':
        return renderAdmin(at);
      default:
        return renderHome();
    }
  }

  async function refreshSite() {
    const site = await api('GET', '/api/state');
    if (!site.ok) throw new Error(site.message || 'The sandbox did not answer /api/state');
    state.site = site;
    const saved = localStorage.getItem('relay-shell-user');
    const users = site.users.map((u) => u.accountId);
    if (!users.includes(state.accountId)) state.accountId = users.includes(saved) ? saved : (users[0] ?? null);
  }

  // ------------------------------------------------------------------ theme

  /**
   * The user's light/dark choice, as Jira's profile setting: the shell follows it, and every frame
   * that enabled theming hears it (the bridge switches data-color-mode without a reload).
   */
  function applyTheme() {
    document.documentElement.setAttribute('data-color-mode', state.colorMode);
    themeSwitcher.value = state.colorMode;
    for (const frame of frames()) {
      if (frame.contentWindow) frame.contentWindow.postMessage({ target: 'relay-frame', type: 'theme', colorMode: state.colorMode }, '*');
    }
  }

  themeSwitcher.addEventListener('change', () => {
    state.colorMode = themeSwitcher.value === 'dark' ? 'dark' : 'light';
    localStorage.setItem('relay-shell-theme', state.colorMode);
    applyTheme();
  });
  applyTheme();

  switcher.addEventListener('change', () => {
    state.accountId = switcher.value;
    localStorage.setItem('relay-shell-user', state.accountId);
    render();
  });
  // Back and forward across subpages change the hash too, so one listener covers both.
  window.addEventListener('hashchange', render);

  refreshSite().then(render, (error) => {
    main.replaceChildren(h('div', { class: 'alert alert--error', role: 'alert', text: String(error && error.message ? error.message : error) }));
  });
})();
