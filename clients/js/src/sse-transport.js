// @ts-check
import { errorMessage } from './errors.js';
import { withParam } from './urls.js';

/**
 * The Server-Sent Events transport, with a WebSocket's face (onopen/onmessage/onclose/onerror, send, close) so that
 * the manager drives both alike. The stream is an EventSource (opened with a one-time ?ticket= when there is a token:
 * tokens never go in URLs); each command is POSTed to the stream's session, one request at a time so that the server
 * sees them in order, and kept in order until the `connected` event names the session. It closes once, reporting
 * the server's `disconnect` code, 1006 for a broken stream or a command answered 404 (the session is gone), or the
 * code given to close(); close() reports synchronously, as no browser event would follow.
 */
export class SseTransport {
  /**
   * @param {string} url the stream's URL
   * @param {string | null | undefined} token exchanged for a one-time ticket first, when there is one
   * @param {import('./types.js').EventSourceClass} EventSourceClass
   * @param {import('./types.js').FetchLike} fetch
   */
  constructor(url, token, EventSourceClass, fetch) {
    /** @type {((event: any) => void) | null} */ this.onopen = null;
    /** @type {((event: { data: any }) => void) | null} */ this.onmessage = null;
    /** @type {((event: { code: number, reason: string }) => void) | null} */ this.onclose = null;
    /** @type {((event: any) => void) | null} */ this.onerror = null;
    this._base = url.split('?')[0]; // commands go to <base>/<session>, the ticket request to <base's parent>/ticket
    this._fetch = fetch;
    /** @type {string[]} frames not POSTed yet, oldest first */
    this._queue = [];
    /** @type {string | null} from the `connected` event */
    this._session = null;
    this._posting = false; // a command POST is in flight
    this._closed = false;
    /** @type {import('./types.js').EventSourceLike | null} */
    this._es = null;
    /** @param {string | null} ticket */
    const open = (ticket) => {
      if (this._closed) return;
      const es = (this._es = new EventSourceClass(withParam(url, 'ticket', ticket)));
      es.onopen = () => { if (this.onopen) this.onopen({ type: 'open' }); };
      es.onmessage = (e) => this._onData(e.data);
      es.onerror = () => this._end(1006, 'SSE stream failed'); // never EventSource's own retry: the manager recovers
    };
    if (token == null || token === '') open(null);
    else this._ticket(token).then(open).catch((error) => this._end(1006, 'SSE stream not opened: ' + errorMessage(error)));
  }

  /** @param {string} frame */
  send(frame) {
    if (this._closed) return;
    this._queue.push(frame);
    this._flush();
  }

  close(code = 1000, reason = '') { this._end(code, reason); }

  /**
   * @param {string} token
   * @returns {Promise<string>}
   */
  async _ticket(token) {
    const res = await this._fetch(this._base.replace(/\/[^/]*$/, '/ticket'),
      { method: 'POST', headers: { Authorization: 'Bearer ' + token }, credentials: 'same-origin' });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const body = await res.json();
    if (!body || !body.ticket) throw new Error('no ticket in the answer');
    return body.ticket;
  }

  /** @param {string} data */
  _onData(data) {
    let msg = null;
    try { msg = JSON.parse(data); } catch (error) { /* passed on as is: the manager reports bad JSON */ }
    if (msg && msg.type === 'disconnect') return this._end(Number(msg.code) || 1006, msg.reason || '');
    if (msg && msg.type === 'connected' && msg.session && !this._session) this._session = String(msg.session);
    if (this.onmessage) this.onmessage({ data });
    this._flush();
  }

  /** POSTs every queued frame (one frame alone, several as an array) once the session is known and no POST is in flight. */
  _flush() {
    if (this._closed || !this._session || this._posting || !this._queue.length) return;
    const frames = this._queue.splice(0);
    this._posting = true;
    this._fetch(this._base + '/' + encodeURIComponent(this._session), { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: frames.length === 1 ? frames[0] : '[' + frames.join(',') + ']' })
      .then((res) => {
        this._posting = false;
        if (res.status === 404) return this._end(1006, 'SSE session gone');
        if (!res.ok && this.onerror && !this._closed) this.onerror({ message: 'SSE command refused: HTTP ' + res.status });
        this._flush();
      }, (error) => {
        this._posting = false;
        this._end(1006, 'SSE command failed: ' + errorMessage(error));
      });
  }

  /**
   * @param {number} code
   * @param {string} reason
   */
  _end(code, reason) {
    if (this._closed) return;
    this._closed = true;
    this._queue = [];
    const es = this._es;
    if (es) { es.onopen = es.onmessage = es.onerror = null; es.close(); }
    if (this.onclose) this.onclose({ code, reason: reason || '' });
  }
}
