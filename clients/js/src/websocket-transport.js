// @ts-check
import { withParam } from './urls.js';

/**
 * @typedef {import('./types.js').WebSocketLike} WebSocketLike
 * @typedef {import('./named-timers.js').NamedTimers} NamedTimers
 */

/**
 * Opens a WebSocket to `url`, the token (if any) as its `token` query parameter.
 * @param {import('./types.js').WebSocketClass} WebSocketClass
 * @param {string} url
 * @param {string | null | undefined} token
 * @returns {WebSocketLike}
 */
export function openWebSocket(WebSocketClass, url, token) {
  return new WebSocketClass(withParam(url, 'token', token));
}

/**
 * While the connection is on SSE: quiet WebSocket trials, the first after wsRetryMs, each failed one doubling the wait
 * up to wsRetryMaxMs. A trial that opens and stays open fallbackWindowMs is handed to `adopt` with its `connected`
 * frame; its events are not passed on meanwhile (the switch recovers them with `since`). Timers: 'probe' (the wait)
 * and 'probation' (the trial's first fallbackWindowMs).
 */
export class WebSocketTrials {
  /**
   * @param {{
   *   timers: NamedTimers,
   *   options: { wsRetryMs: number, wsRetryMaxMs: number, fallbackWindowMs: number, token?: string | null,
   *     getToken?: () => any },
   *   current: () => WebSocketLike | null,
   *   open: (token: string | null | undefined) => WebSocketLike,
   *   adopt: (probe: WebSocketLike, hello: string | null) => void
   * }} host current: the SSE connection a trial belongs to; open: a WebSocket; adopt: the switch
   */
  constructor(host) {
    this._host = host;
    /** @type {WebSocketLike | null} the WebSocket on trial */
    this._probe = null;
    this._failures = 0; // trials failed in a row: the next waits wsRetryMs * 2^this
  }

  /** Schedules the next trial. */
  arm() {
    const o = this._host.options;
    this._host.timers.arm('probe', Math.min(o.wsRetryMaxMs, o.wsRetryMs * Math.pow(2, this._failures)), () => this._start());
  }

  /** Ends the pending wait or the trial in progress (the SSE connection closed, or the manager disconnects). */
  end() {
    const probe = this._probe;
    this._probe = null;
    this._host.timers.disarm('probe'); this._host.timers.disarm('probation');
    if (probe) try { probe.close(1000, 'WebSocket trial ended'); } catch (error) { /* already closed */ }
  }

  /** The WebSocket took over (or a connection opened over WebSocket): the next trials start from wsRetryMs again. */
  reset() {
    this._probe = null;
    this._failures = 0;
  }

  async _start() {
    const host = this._host, sse = host.current();
    let token = host.options.token, probe;
    try {
      if (host.options.getToken) token = await host.options.getToken();
      if (sse !== host.current()) return; // the SSE connection closed meanwhile: its close ended the trial
      probe = host.open(token);
    } catch (error) { return this._failed(sse); }
    /** @type {string | null} the trial's `connected` frame, applied at the switch */
    let hello = null;
    const trial = probe;
    this._probe = trial;
    trial.onopen = () => {
      if (trial === this._probe) host.timers.arm('probation', host.options.fallbackWindowMs, () => host.adopt(trial, hello));
    };
    trial.onmessage = (e) => { // events wait for the switch, which recovers them with since
      try { if (trial === this._probe && JSON.parse(e.data).type === 'connected') hello = e.data; } catch (error) { /* ignored */ }
    };
    trial.onclose = () => {
      if (trial === this._probe) { this._probe = null; host.timers.disarm('probation'); this._failed(sse); }
    };
  }

  /** @param {WebSocketLike | null} sse */
  _failed(sse) {
    if (sse !== this._host.current()) return;
    this._failures++;
    this.arm();
  }
}
