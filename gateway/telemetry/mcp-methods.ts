/**
 * The MCP methods telemetry names. A method string comes from the client; where it becomes a span
 * name or a metric dimension it is kept to the protocol's own methods, so a client cannot mint
 * unbounded names or series.
 */

const mcpMethods = new Set([
  'initialize', 'ping', 'tools/list', 'tools/call', 'prompts/list', 'prompts/get', 'resources/list', 'resources/templates/list',
  'resources/read', 'resources/subscribe', 'resources/unsubscribe', 'completion/complete', 'logging/setLevel',
  'notifications/initialized', 'notifications/cancelled', 'notifications/progress', 'notifications/roots/list_changed',
]);

/** boundedMethod keeps `mcp.method.name` to the protocol's methods: any other string a client sends is `_OTHER`. */
export function boundedMethod(method: string | undefined): string {
  if (method === undefined) return '_OTHER';
  return mcpMethods.has(method) ? method : '_OTHER';
}
