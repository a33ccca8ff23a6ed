/**
 * Unit tests render Custom UI markup in Node, outside any Jira page. @forge/bridge looks for the
 * host's bridge when it is imported; this one stands in for the host and refuses every call, so a
 * component that imports the router or flags can be rendered, and one that calls the host during
 * rendering fails loudly.
 */
globalThis.__bridge = {
  callBridge: (name) => Promise.reject(new Error(`No Jira host in unit tests: ${String(name)} was called while rendering`)),
};
