// @ts-check
import { errorMessage } from '../errors.js';

/**
 * TabClient is one tab's end of the shared connection, with the page API of WebSocketManager: the page's handlers,
 * listeners and offline buffer live here, the connection in the holder (ConnectionHost). It mirrors the holder's
 * state, drops any event whose topic+seq it has already passed (a hand-over replays from the oldest seq any tab
 * had), and answers the holder's token requests with the page's getToken.
 *
 * Threading: the tab's event loop only.
 */
/**
 * @typedef {import('./protocol.js').TabMessage} TabMessage
 * @typedef {import('./protocol.js').Post} Post
 * @typedef {{ handlers: Map<Function, any>, seq: number | null, epoch: any }} LocalTopic
 */
export class TabClient {
  /**
   * @param {object} o
   * @param {any} o.options the page's WebSocketManager options (getToken, token, url, lazy, maxBufferedMessages, …)
   * @param {(kind: any, message: string, action?: {label: string, onClick: () => void}) => void} o.notify shows a toast
   * @param {string} o.mode 'worker' | 'locks': how the connection is shared, reported by getStats()
   */
  constructor({ options, notify, mode }) {
    this._o = options || {};
    this._notify = notify;
    this._mode = mode;
    /** @type {Post | null} to the holder; null between holders */
    this._post = null;
    this._holder = false;       // this tab holds the connection (Web Locks mode)
    this._wants = false;        // connect() was called, disconnect() was not
    this._visible = true;
    /** @type {string} */
    this._state = 'disconnected';
    /** @type {{ status: string, stats: any, info: any }} the holder's last word on the connection */
    this._snap = { status: 'disconnected', stats: null, info: null };
    /** @type {string[]} */
    this._buffer = [];          // frames sent while no holder answers, oldest first
    /** @type {Map<string, LocalTopic>} */
    this._topics = new Map();
    /** @type {Map<string, number>} topic -> last seq given to '*' handlers */
    this._wildSeq = new Map();
    this._dropped = 0;          // buffered frames dropped here (the buffer was full)
    this._dupes = 0;            // events dropped here as already seen (topic+seq)
    /** @type {Record<string, Set<(event: any) => void>>} */
    this._listeners = { state: new Set(), connect: new Set(), disconnect: new Set(), error: new Set() };
  }

  // ---- the page API (WebSocketManager's) ----
  connect() {
    this._wants = true;
    if (this._post) this._hello();
  }
  disconnect() {
    this._wants = false;
    if (this._post) this._post({ k: 'disconnect' });
    this._setState('disconnected', { code: 1000, reason: 'client disconnect' });
  }
  /** @param {string} topic @param {Function} handler @param {any} [options] @returns {() => boolean} */
  subscribe(topic, handler, options = {}) {
    if (typeof topic !== 'string' || !topic) throw new TypeError('subscribe: topic must be a non-empty string');
    if (typeof handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    if (options && options.filter != null) {
      // tabs share one hub subscription per topic, which cannot carry each tab's filter
      throw new TypeError('subscribe: a filter needs a connection of its own: new WebSocketManager({ shared: false })');
    }
    let t = this._topics.get(topic);
    if (!t) {
      const o = options || {}, since = topic !== '*' && Number.isInteger(o.since) && o.since >= 0 ? o.since : null;
      this._topics.set(topic, (t = { handlers: new Map(), seq: since, epoch: since == null ? null : o.epoch || null }));
      if (this._wants && this._post) this._post({ k: 'sub', topic, seq: t.seq, epoch: t.epoch });
    }
    t.handlers.set(handler, options || {});
    if (this._o.lazy && !this._wants) this.connect();
    return () => this.unsubscribe(topic, handler);
  }
  /** @param {string} topic @param {Function} [handler] @returns {boolean} */
  unsubscribe(topic, handler) {
    const t = this._topics.get(topic);
    if (!t) return false;
    const removed = handler ? t.handlers.delete(handler) : t.handlers.size > 0;
    if (!handler) t.handlers.clear();
    if (t.handlers.size > 0) return removed;
    this._topics.delete(topic);
    if (this._wants && this._post) this._post({ k: 'unsub', topic });
    return removed;
  }
  /** @param {string | object} data @returns {boolean} */
  send(data) {
    const frame = typeof data === 'string' ? data : JSON.stringify(data);
    if (this._post && this._wants) {
      this._post({ k: 'send', frame });
      return this._state === 'connected';
    }
    const max = this._o.maxBufferedMessages == null ? 100 : this._o.maxBufferedMessages;
    if (this._buffer.push(frame) > max) {
      this._buffer.shift();
      this._dropped++;
    }
    return false;
  }
  isConnected() { return this._state === 'connected'; }
  getStatus() { return this._state; }
  getConnectionInfo() { return this._snap.info ? Object.assign({}, this._snap.info) : null; }
  getStats() {
    const s = this._snap.stats || { transport: 'websocket', duplicatesDropped: 0, droppedBuffered: 0, bufferedMessages: 0 };
    return Object.assign({}, s, {
      status: this._state, shared: this._mode, holder: this._holder,
      subscribedTopics: [...this._topics.keys()].filter((topic) => topic !== '*'),
      bufferedMessages: (s.bufferedMessages || 0) + this._buffer.length,
      droppedBuffered: (s.droppedBuffered || 0) + this._dropped,
      duplicatesDropped: (s.duplicatesDropped || 0) + this._dupes,
    });
  }
  /** @param {(event: any) => void} cb */
  onConnect(cb) { return this._on('connect', cb); }
  /** @param {(event: any) => void} cb */
  onDisconnect(cb) { return this._on('disconnect', cb); }
  /** @param {(event: any) => void} cb */
  onError(cb) { return this._on('error', cb); }
  /** @param {(event: any) => void} cb */
  onStateChange(cb) { return this._on('state', cb); }

  // ---- the link to the holder ----
  /** A holder is there (the worker's port, a new Web Locks holder, or this tab itself): it gets this tab's hello. */
  /** @param {Post} post @param {boolean} [holder] */
  attach(post, holder = false) {
    this._post = post;
    this._holder = holder;
    this._hello();
  }
  /** The holder went away; a new one attaches within the hand-over time. */
  detach() {
    this._post = null;
    this._holder = false;
    if (this._wants) this._setState('connecting', { code: 1006, reason: 'holder gone' });
  }
  /** @param {boolean} visible */
  setVisible(visible) {
    this._visible = !!visible;
    if (this._post) this._post({ k: 'visible', visible: this._visible });
  }
  /** The tab is going (pagehide): the holder releases its subscriptions now. */
  leave() {
    if (this._post) this._post({ k: 'bye' });
    this._post = null;
  }

  /** Handles one message of the holder (protocol.js). @param {TabMessage} msg */
  receive(msg) {
    if (!msg || typeof msg !== 'object') return;
    switch (msg.k) {
      case 'snap': return this._mirror(msg.snap, { code: 0, reason: 'shared connection' });
      case 'state': return this._mirror(msg.snap, msg.event);
      case 'ev': return this._onEvent(msg.via, msg.ev, msg.meta || {});
      case 'error': return this._emit('error', msg.error);
      case 'toast': return this._notify(msg.kind, msg.message, msg.retry ? { label: 'Retry', onClick: () => this.connect() } : undefined);
      case 'token?': return this._supplyToken(msg.id);
      default: return undefined;
    }
  }

  _hello() {
    const post = this._post;
    if (!post) return;
    const topics = [...this._topics].map(([topic, t]) => ({ topic, seq: t.seq, epoch: t.epoch }));
    post({ k: 'hello', connect: this._wants, topics, visible: this._visible, config: configOf(this._o) });
    if (this._wants) for (const frame of this._buffer.splice(0)) post({ k: 'send', frame });
  }
  /** @private @param {any} snap @param {any} event */
  _mirror(snap, event) {
    if (snap) this._snap = snap;
    if (this._wants && snap) this._setState(snap.status, event || { code: 0, reason: '' });
  }
  /** @private @param {string} via @param {any} ev @param {any} meta */
  _onEvent(via, ev, meta) {
    const t = this._topics.get(via);
    if (!t) return;
    const topic = via === '*' ? ev && ev.topic : via;
    if (!ev) { // recovery failed: the topic starts again at the hub's seq
      if (via !== '*') Object.assign(t, { seq: typeof meta.seq === 'number' ? meta.seq : null, epoch: meta.epoch == null ? t.epoch : meta.epoch });
      for (const [handler, options] of [...t.handlers]) {
        this._call(handler, [null, via, meta], via);
        if (typeof options.onRecoveryFailed === 'function') this._call(options.onRecoveryFailed, [{ topic: via, ...meta }], via);
      }
      return;
    }
    if (typeof ev.seq === 'number') {
      if (via === '*') {
        const last = this._wildSeq.get(topic);
        if (last != null && ev.seq <= last) return void this._dupes++;
        this._wildSeq.set(topic, ev.seq);
      } else {
        const newEpoch = meta.epoch != null && t.epoch != null && meta.epoch !== t.epoch;
        if (!newEpoch && t.seq != null && ev.seq <= t.seq) return void this._dupes++;
        t.seq = ev.seq;
      }
    }
    if (via !== '*' && meta.epoch != null) t.epoch = meta.epoch;
    for (const handler of [...t.handlers.keys()]) this._call(handler, [ev, topic, meta], topic);
  }
  /** @private @param {number} id */
  _supplyToken(id) {
    const post = this._post, getToken = this._o.getToken;
    if (!post || typeof getToken !== 'function') return;
    Promise.resolve().then(() => getToken()).then((/** @type {any} */ token) => post({ k: 'token', id, token }),
      (/** @type {any} */ error) => post({ k: 'token', id, error: errorMessage(error) }));
  }

  /** @private @param {string} state @param {{ code: number, reason: string }} why */
  _setState(state, { code, reason }) {
    if (state === this._state) return;
    const event = { state, previous: this._state, code, reason };
    this._state = state;
    this._emit('state', event);
    if (state === 'connected') this._emit('connect', event);
    if (state === 'disconnected') this._emit('disconnect', event);
  }
  /** @private @param {string} kind @param {(event: any) => void} cb */
  _on(kind, cb) {
    if (typeof cb !== 'function') throw new TypeError('listener must be a function');
    this._listeners[kind].add(cb);
    return () => this._listeners[kind].delete(cb);
  }
  /** @private @param {string} kind @param {any} event */
  _emit(kind, event) {
    for (const cb of [...this._listeners[kind]]) {
      try { cb(event); } catch (error) {
        console.error('[wsManager] ' + kind + ' listener failed', error);
        if (kind !== 'error') this._emit('error', { type: 'listener', message: errorMessage(error), error });
      }
    }
  }
  /** @private @param {Function} fn @param {any[]} args @param {string} topic */
  _call(fn, args, topic) {
    try { fn(...args); } catch (error) {
      console.error('[wsManager] handler for "' + topic + '" failed', error);
      this._emit('error', { type: 'handler', topic, message: errorMessage(error), error });
    }
  }
}

/** The options the holder builds the connection from: the cloneable ones, and whether the page has a getToken. */
/** @param {any} options @returns {Record<string, any>} */
export function configOf(options) {
  /** @type {Record<string, any>} */
  const config = { hasGetToken: typeof options.getToken === 'function' };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'shared' || key === 'lazy' || key === 'workerUrl') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) config[key] = value;
  }
  return config;
}
