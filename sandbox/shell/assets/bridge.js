/*
 * window.__bridge for one Custom UI iframe in the sandbox shell.
 *
 * @forge/bridge reads `globalThis.__bridge.callBridge(command, payload)` when its modules load, so
 * this classic script runs before the app's bundle (the server injects it at the top of <head>).
 * Commands that need the platform (getContext, invoke, fetchProduct, submit) go to the shell
 * server (POST /bridge/<session>); commands about the page itself (history, events between
 * extensions, flags, closing or refreshing a gadget, navigation, sizing) are answered here and,
 * where Jira's page would act, passed to the shell page with postMessage.
 */
(function installBridge() {
  'use strict';
  const boot = window.__relayFrame;
  if (!boot || !boot.sessionId) throw new Error('The sandbox frame has no boot data (window.__relayFrame)');
  const host = window.parent !== window ? window.parent : null;

  function post(message) {
    if (host) host.postMessage(Object.assign({ source: 'relay-frame', sessionId: boot.sessionId, moduleKey: boot.moduleKey }, message), '*');
  }

  async function server(command, payload) {
    const response = await fetch('/bridge/' + encodeURIComponent(boot.sessionId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command: command, payload: payload === undefined ? null : payload }),
    });
    let answer;
    try {
      answer = await response.json();
    } catch {
      throw new Error('The sandbox answered ' + response.status + ' to ' + command);
    }
    if (!response.ok || !answer.ok) {
      const message = answer && answer.error && answer.error.message ? answer.error.message : 'The sandbox could not run ' + command;
      throw new Error(message);
    }
    return answer.value;
  }

  // ------------------------------------------------------------------ history (project page subpages)

  function toLocation(to, state, key) {
    const text = typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || '');
    const url = new URL(text, 'http://route.local' + (history.location ? history.location.pathname : '/'));
    return { pathname: url.pathname, search: url.search, hash: url.hash, state: state === undefined ? null : state, key: key };
  }

  const historyListeners = new Set();
  const entries = [];
  let index = 0;
  let keyCounter = 0;

  function change(location, action, tellShell) {
    history.location = location;
    history.action = action;
    history.length = entries.length;
    if (tellShell) post({ type: 'history', pathname: location.pathname, search: location.search, action: action });
    for (const listener of Array.from(historyListeners)) listener(location, action);
  }

  const history = {
    location: null,
    action: 'POP',
    length: 1,
    push(to, state) {
      const location = toLocation(to, state, 'k' + ++keyCounter);
      entries.splice(index + 1);
      entries.push(location);
      index = entries.length - 1;
      change(location, 'PUSH', true);
    },
    replace(to, state) {
      const location = toLocation(to, state, 'k' + ++keyCounter);
      entries[index] = location;
      change(location, 'REPLACE', true);
    },
    go(delta) {
      const next = Math.min(entries.length - 1, Math.max(0, index + delta));
      if (next === index) return;
      index = next;
      change(entries[index], 'POP', true);
    },
    back() {
      history.go(-1);
    },
    forward() {
      history.go(1);
    },
    listen(listener) {
      historyListeners.add(listener);
      return function unlisten() {
        historyListeners.delete(listener);
      };
    },
    block() {
      return function unblock() {};
    },
    createHref(to) {
      return typeof to === 'string' ? to : (to.pathname || '/') + (to.search || '') + (to.hash || '');
    },
  };
  history.location = toLocation(boot.pathname || '/', null, 'initial');
  entries.push(history.location);

  // ------------------------------------------------------------------ events between extensions

  const eventListeners = new Map();

  function subscribe(event, callback) {
    if (typeof callback !== 'function') throw new Error('events.on needs a callback');
    if (!eventListeners.has(event)) eventListeners.set(event, new Set());
    eventListeners.get(event).add(callback);
    return {
      unsubscribe() {
        const set = eventListeners.get(event);
        if (set) set.delete(callback);
      },
    };
  }

  window.addEventListener('message', function onShellMessage(message) {
    if (message.source !== host || !message.data || message.data.target !== 'relay-frame') return;
    const data = message.data;
    if (data.type === 'event') {
      const set = eventListeners.get(data.event);
      if (set) for (const callback of Array.from(set)) callback(data.payload);
    } else if (data.type === 'theme') {
      theme.colorMode = data.colorMode === 'dark' ? 'dark' : 'light';
      if (themingEnabled) applyColorMode(theme.colorMode);
    } else if (data.type === 'navigate' && typeof data.pathname === 'string') {
      // The shell's sidebar moved to another subpage: Jira changes the URL and the app's history hears a POP.
      const location = toLocation(data.pathname, null, 'k' + ++keyCounter);
      entries.splice(index + 1);
      entries.push(location);
      index = entries.length - 1;
      change(location, 'POP', false);
    }
  });

  // ------------------------------------------------------------------ sizing

  let lastHeight = 0;
  let sizeQueued = false;
  function reportSize() {
    sizeQueued = false;
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: 'resize', height: height });
    }
  }
  function queueSize() {
    if (sizeQueued) return;
    sizeQueued = true;
    requestAnimationFrame(reportSize);
  }
  document.addEventListener('DOMContentLoaded', function observeSize() {
    new ResizeObserver(queueSize).observe(document.body);
    // As Forge's own frame resizer, content changes count too: while a drawer or modal locks the
    // body's scrolling (overflow hidden, its box fixed) the page below still grows, and the body's
    // own size would never say so; the frame would stay as small as it was when the drawer opened.
    new MutationObserver(queueSize).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    queueSize();
  });

  // ------------------------------------------------------------------ theming

  // As in Jira: once the app calls view.theme.enable(), <html> carries the user's colour mode and
  // Atlassian's theme list, the token stylesheet is loaded, and later switches follow the shell.
  const theme = boot.theme || { colorMode: 'light', dataTheme: 'light:light', cssHref: null };
  let themingEnabled = false;
  let themeCssLoaded = null;

  function applyColorMode(colorMode) {
    theme.colorMode = colorMode === 'dark' ? 'dark' : 'light';
    document.documentElement.setAttribute('data-theme', theme.dataTheme);
    document.documentElement.setAttribute('data-color-mode', theme.colorMode);
  }

  function enableTheming() {
    themingEnabled = true;
    applyColorMode(theme.colorMode);
    if (!themeCssLoaded) {
      themeCssLoaded = new Promise(function (resolve) {
        if (!theme.cssHref) return resolve(undefined);
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = new URL(theme.cssHref, window.location.origin).href;
        link.setAttribute('data-relay-theme', 'tokens');
        // A missing stylesheet leaves the app on its token fallbacks, as a failed theme load does in Jira.
        link.onload = link.onerror = function () {
          resolve(undefined);
        };
        document.head.prepend(link);
      });
    }
    return themeCssLoaded;
  }

  // ------------------------------------------------------------------ the bridge

  const isGadgetEdit = boot.gadgetId !== null && boot.entryPoint === 'edit';

  const local = {
    createHistory: function () {
      return history;
    },
    enableTheming: function () {
      return enableTheming();
    },
    on: function (payload) {
      return subscribe(payload.event, payload.callback);
    },
    onPublic: function (payload) {
      return subscribe(payload.event, payload.callback);
    },
    emit: function (payload) {
      post({ type: 'event', event: payload.event, payload: payload.payload });
      return undefined;
    },
    emitPublic: function (payload) {
      post({ type: 'event', event: payload.event, payload: payload.payload });
      return undefined;
    },
    showFlag: function (payload) {
      post({ type: 'flag', flag: payload });
      return undefined;
    },
    closeFlag: function (payload) {
      post({ type: 'close-flag', id: payload && payload.id });
      return undefined;
    },
    close: function () {
      if (!isGadgetEdit) return false;
      post({ type: 'gadget-close', gadgetId: boot.gadgetId });
      return true;
    },
    open: function () {
      return false;
    },
    refresh: function () {
      if (boot.moduleType !== 'jira:dashboardGadget') return false;
      post({ type: 'refresh' });
      return true;
    },
    reload: function () {
      post({ type: 'refresh' });
      return undefined;
    },
    navigate: function (payload) {
      post({ type: 'navigate', location: payload });
      return undefined;
    },
    getUrl: function (location) {
      return window.location.origin + '/#/navigate/' + encodeURIComponent(JSON.stringify(location));
    },
    changeWindowTitle: function (title) {
      post({ type: 'title', title: String(title) });
      return undefined;
    },
    getFrameId: function () {
      return boot.sessionId;
    },
    emitReadyEvent: function () {
      return undefined;
    },
  };

  async function callBridge(command, payload) {
    if (Object.prototype.hasOwnProperty.call(local, command)) return local[command](payload);
    if (command === 'submit') {
      const accepted = await server('submit', payload);
      if (accepted === true) post({ type: 'gadget-submitted', gadgetId: boot.gadgetId });
      return accepted;
    }
    if (command === 'getContext' || command === 'invoke' || command === 'fetchProduct') return server(command, payload);
    throw new Error("The sandbox's bridge does not support '" + command + "'");
  }

  window.__bridge = { callBridge: callBridge };
})();
