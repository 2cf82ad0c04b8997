// @ts-check
/** The URLs of a hub connection: the default WebSocket URL of a page, query parameters, the SSE stream's URL. */

/**
 * ws: or wss: after the page's protocol, the page's host, path /api/ws/realtime.
 * @param {{ protocol: string, host: string } | null | undefined} loc
 * @returns {string | null}
 */
export function defaultUrl(loc) {
  return loc ? (loc.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + loc.host + '/api/ws/realtime' : null;
}

/**
 * `url` with `name=value` appended (encoded); `url` itself when there is no value.
 * @param {string} url
 * @param {string} name
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function withParam(url, name, value) {
  return value == null || value === '' ? url : url + (url.includes('?') ? '&' : '?') + name + '=' + encodeURIComponent(value);
}

/**
 * The SSE stream's URL next to a WebSocket URL: ws(s)://host/api/ws/realtime -> http(s)://host/api/sse/realtime.
 * @param {string} wsUrl
 * @returns {string}
 */
export function sseUrlOf(wsUrl) {
  return wsUrl.replace(/^ws/, 'http').replace('/api/ws/realtime', '/api/sse/realtime');
}
