// @ts-check
import { CLOSE_CODES } from './close-codes.js';
import { errorMessage } from './errors.js';
import { Heartbeat } from './heartbeat.js';
import { Listeners } from './listeners.js';
import { NamedTimers } from './named-timers.js';
import { OfflineBuffer } from './offline-buffer.js';
import { Reconnect } from './reconnect.js';
import { checkOptions, DEFAULTS, STATES } from './options.js';
import { SseTransport } from './sse-transport.js';
import { notify } from './toaster.js';
import { answerFromSharedConnection, sharedConnectionOfPage } from './sharing/share.js';
import { Topics } from './topics.js';
import { TransportChoice } from './transport-choice.js';
import { defaultUrl, sseUrlOf } from './urls.js';
import { openWebSocket, WebSocketTrials } from './websocket-transport.js';

/**
 * @typedef {import('./types.js').WebSocketManagerOptions} WebSocketManagerOptions
 * @typedef {import('./types.js').WebSocketLike} WebSocketLike
 * @typedef {import('./types.js').ConnectionStatus} ConnectionStatus
 * @typedef {import('./types.js').Transport} Transport
 * @typedef {import('./types.js').StateChange} StateChange
 * @typedef {import('./types.js').ClientError} ClientError
 * @typedef {import('./types.js').Handler} Handler
 * @typedef {import('./types.js').SubscribeOptions} SubscribeOptions
 * @typedef {Omit<import('./types.js').ClientStats, 'status' | 'transport' | 'subscribedTopics' | 'bufferedMessages'
 *   | 'clientId' | 'node' | 'availableTopics'>} Counters
 */

const root = /** @type {any} */ (globalThis);

/** WebSocketManager keeps one hub connection alive and routes topic events to subscribers, without loss or duplicates. */
export class WebSocketManager {
  /**
   * @param {WebSocketManagerOptions} [options]
   * @throws {TypeError} naming the option: an unknown name, a value of the wrong type, a URL that is not absolute
   */
  constructor(options = {}) {
    checkOptions(options);
    /** @private */ this._o = Object.assign({}, DEFAULTS, options);
    /** @private */ this._timers = new NamedTimers(options.timers || root);
    /** @private */ this._random = options.random || Math.random;
    /** @private */ this._now = options.now || Date.now;
    /** @private */ this._window = options.window !== undefined ? options.window : root.window;
    /** @private */ this._document = options.document !== undefined ? options.document : root.document;
    /** @private */ this._url = options.url || defaultUrl(options.location || root.location);
    /** @private */ this._fetch = options.fetch || (root.fetch ? (/** @type {any[]} */ ...args) => root.fetch(...args) : null);
    /** @private null: no SSE fallback */
    this._EventSource = options.EventSource !== undefined ? options.EventSource : root.EventSource;
    /** @private @type {ConnectionStatus} */ this._state = 'disconnected';
    /** @private @type {WebSocketLike | null} the current transport; events of any other are ignored */
    this._ws = null;
    /** @private the kind of the current connection, else of the next attempt */ this._transport = new TransportChoice();
    /** @private when the current connection opened */ this._openedAt = 0;
    /** @private on SSE: WebSocket trials, one adopted once it has stayed open fallbackWindowMs */
    this._trials = new WebSocketTrials({ timers: this._timers, options: this._o, current: () => this._ws,
      open: (token) => this._createTransport('websocket', token), adopt: (probe, hello) => this._adopt(probe, hello) });
    /** @private bumped by every open and by disconnect(); a stale getToken() compares it */ this._gen = 0;
    /** @private true after disconnect(): nothing reconnects until connect() */ this._manual = false;
    /** @private connect() has been called (the lazy default instance waits for it) */ this._started = false;
    /** @private */ this._buffer = new OfflineBuffer(this._o.maxBufferedMessages);
    /** @private @type {import('./types.js').ConnectionInfo | null} from the server's `connected` frame */ this._info = null;
    /** @private */ this._listeners = new Listeners();
    /** @private */
    this._heartbeat = new Heartbeat(this._timers, this._o, () => this._write('{"action":"ping"}'), () => this._onDead());
    /** @private @type {Counters} */
    this._stats = { messagesReceived: 0, messagesSent: 0, reconnectCount: 0, lastConnectedAt: null, lastDisconnectedAt: null,
      reconnectAttempts: 0, recoveries: 0, gaps: 0, droppedBuffered: 0, duplicatesDropped: 0 };
    /** @private what follows a close not asked for */
    this._reconnect = new Reconnect({ options: this._o, stats: this._stats, random: this._random, timers: this._timers,
      listeners: this._listeners, notify: (type, message, action) => this._notify(type, message, action),
      open: () => this._open('reconnect'), connect: () => this.connect(), wakeupTargets: () => [this._window, this._document] });
    /** @private */
    this._topics = new Topics({ isConnected: () => this._state === 'connected', write: (frame) => void this._write(frame),
      listeners: this._listeners, stats: this._stats });
    // In a page, the tabs of the origin share one connection (sharing/): this manager then answers from it, and the
    // machinery above stays idle. options.shared === false, or primitives of its own (WebSocket, timers…), opt out.
    const shared = sharedConnectionOfPage(options,
      (config, hooks) => new WebSocketManager(Object.assign({}, config, hooks, { shared: false })),
      (type, message, action) => this._notify(type, message, action));
    if (shared) answerFromSharedConnection(this, shared);
  }

  /** Opens the connection (no-op while connecting or connected); also the manual retry after giving up. */
  connect() {
    this._started = true;
    this._manual = false;
    this._reconnect.cancelWakeups();
    if (this._state === 'connecting' || this._state === 'connected') return;
    this._stats.reconnectAttempts = 0;
    this._ws = null; // a socket still closing finishes on its own, unobserved
    this._open('connect');
  }

  /** Closes with 1000; a manual disconnect never reconnects by itself. */
  disconnect() {
    const ws = this._ws, why = { code: 1000, reason: 'client disconnect' };
    this._manual = true;
    this._gen++;
    this._reconnect.stop(); this._heartbeat.stop(); this._trials.end();
    if (!ws) return this._setState('disconnected', why);
    this._setState('closing', why);
    try { ws.close(why.code, why.reason); } catch (e) { this._onClose(ws, why.code, why.reason, true); }
  }

  /**
   * Adds a handler for `topic` ('*' = every event); options.since/epoch start a new topic after a snapshot's seq.
   * @param {string} topic
   * @param {Handler} handler
   * @param {SubscribeOptions} [options]
   * @returns {() => boolean} removes this handler
   */
  subscribe(topic, handler, options = {}) {
    if (typeof topic !== 'string' || !topic) throw new TypeError('subscribe: topic must be a non-empty string');
    if (typeof handler !== 'function') throw new TypeError('subscribe: handler must be a function');
    this._topics.add(topic, handler, options);
    if (this._o.lazy && !this._started) this.connect();
    return () => this.unsubscribe(topic, handler);
  }

  /**
   * Removes one handler, or all of the topic without `handler`; the server hears of it when none remains.
   * @param {string} topic
   * @param {Handler} [handler]
   * @returns {boolean}
   */
  unsubscribe(topic, handler) { return this._topics.remove(topic, handler); }

  /**
   * Sends a frame (objects are JSON-stringified): true if sent now, false if kept in the offline buffer.
   * @param {string | object} data
   * @returns {boolean}
   */
  send(data) {
    const frame = typeof data === 'string' ? data : JSON.stringify(data);
    if (this._state === 'connected') return this._write(frame);
    const kept = this._buffer.add(frame);
    if (kept !== 'kept') this._stats.droppedBuffered++;
    if (kept === 'overflow') {
      const message = 'offline buffer full (' + this._o.maxBufferedMessages + ' frames): dropping the oldest';
      console.warn('[wsManager] ' + message);
      this._listeners.emit('error', { type: 'buffer_overflow', message });
    }
    return false;
  }

  /** @returns {boolean} */
  isConnected() { return this._state === 'connected'; }
  /** @returns {ConnectionStatus} */
  getStatus() { return this._state; }
  /** @returns {import('./types.js').ConnectionInfo | null} from the server's `connected` frame; null before the first */
  getConnectionInfo() { return this._info ? Object.assign({}, this._info) : null; }
  /** @returns {import('./types.js').ClientStats} */
  getStats() {
    const info = this._info;
    return Object.assign({}, this._stats, { status: this._state, transport: this._transport.kind, bufferedMessages: this._buffer.size,
      subscribedTopics: this._topics.names(),
      clientId: (info && info.clientId) || null, node: (info && info.node) || null, availableTopics: (info && info.availableTopics) || [] });
  }
  /** @param {(change: StateChange) => void} cb @returns {() => boolean} removes the listener */
  onConnect(cb) { return this._listeners.on('connect', cb); }
  /** @param {(change: StateChange) => void} cb @returns {() => boolean} removes the listener */
  onDisconnect(cb) { return this._listeners.on('disconnect', cb); }
  /** @param {(error: ClientError) => void} cb @returns {() => boolean} removes the listener */
  onError(cb) { return this._listeners.on('error', cb); }
  /** @param {(change: StateChange) => void} cb @returns {() => boolean} removes the listener */
  onStateChange(cb) { return this._listeners.on('state', cb); }

  /**
   * The only writer of _state: emits once per change, always with {code, reason}.
   * @private
   * @param {ConnectionStatus} state
   * @param {{ code: number, reason: string }} why
   */
  _setState(state, { code, reason }) {
    if (state === this._state) return;
    const event = { state, previous: this._state, code, reason };
    this._state = state;
    this._listeners.emit('state', event);
    if (state === 'connected') this._listeners.emit('connect', event);
    if (state === 'disconnected') this._listeners.emit('disconnect', event);
  }

  /** @private @param {string} reason */
  async _open(reason) {
    this._timers.disarm('reconnect');
    const gen = ++this._gen;
    this._setState('connecting', { code: 0, reason });
    let token = this._o.token, ws;
    if (this._o.getToken) {
      try { token = await this._o.getToken(); } catch (error) {
        if (gen !== this._gen) return;
        this._listeners.emit('error', { type: 'token', message: 'getToken failed: ' + errorMessage(error), error });
        return this._onClose(null, 1006, 'getToken failed', false);
      }
      if (gen !== this._gen) return; // disconnect() or connect() ran meanwhile
    }
    try { ws = this._createTransport(this._transport.kind, token); } catch (error) {
      this._listeners.emit('error', { type: 'socket', message: errorMessage(error), error });
      return this._onClose(null, 1006, 'cannot create ' + this._transport.kind, true);
    }
    this._ws = ws;
    this._attach(ws);
  }

  /**
   * A WebSocket, or the SSE transport: the stream next to options.url unless options.sseUrl says otherwise.
   * @private
   * @param {Transport} kind
   * @param {string | null | undefined} token
   * @returns {WebSocketLike}
   */
  _createTransport(kind, token) {
    if (!this._url) throw new Error('no url: pass options.url outside a browser');
    if (kind === 'websocket') return openWebSocket(this._o.WebSocket || root.WebSocket, this._url, token);
    return new SseTransport(this._o.sseUrl || sseUrlOf(this._url), token, this._EventSource, /** @type {any} */ (this._fetch));
  }

  /** @private */
  _sseAvailable() { return !!(this._EventSource && this._fetch); }

  /** @private @param {WebSocketLike} ws */
  _attach(ws) {
    ws.onopen = () => { if (ws === this._ws) this._onOpen(); };
    ws.onmessage = (e) => { if (ws === this._ws) this._onMessage(e.data); };
    ws.onerror = (e) => {
      if (ws === this._ws && !this._manual) this._listeners.emit('error', { type: 'socket', message: (e && e.message) || 'WebSocket error' });
    };
    ws.onclose = (e) => this._onClose(ws, e.code, e.reason, true);
  }

  /** @private */
  _onOpen() {
    const s = this._stats;
    this._openedAt = this._now();
    if (this._transport.kind === 'sse') this._trials.arm();
    if (s.lastConnectedAt) s.reconnectCount++;
    s.reconnectAttempts = 0;
    s.lastConnectedAt = new Date(this._now());
    // Subscriptions first (with since), then the offline buffer in its order.
    this._topics.subscribeAll();
    for (const frame of this._buffer.drain()) this._write(frame);
    this._heartbeat.start();
    this._reconnect.opened();
    this._setState('connected', { code: 0, reason: 'open' }); // last: a listener may disconnect()
  }

  /**
   * @private
   * @param {WebSocketLike | null} ws
   * @param {number} code
   * @param {string} reason
   * @param {boolean} tried a transport was created (false when getToken failed), so the close says something about it
   */
  _onClose(ws, code, reason, tried) {
    if (ws !== this._ws) return;
    this._ws = null;
    this._heartbeat.stop();
    this._trials.end();
    const wasConnected = this._state === 'connected';
    if (wasConnected) this._stats.lastDisconnectedAt = new Date(this._now());
    if (tried && !this._manual) {
      this._transport.afterClose(this._sseAvailable(), wasConnected, this._now() - this._openedAt < this._o.fallbackWindowMs);
    }
    this._topics.endRecoveries();
    this._setState('disconnected', { code, reason: reason || '' });
    if (!this._manual) this._reconnect.afterClose(code, reason, wasConnected);
  }

  /**
   * The WebSocket on trial stayed open: it becomes the connection before SSE is closed. Every topic subscribes on it
   * with since = the last seq SSE delivered, so what SSE would still have said is replayed once, and nothing twice.
   * @private
   * @param {WebSocketLike} probe
   * @param {string | null} hello its `connected` frame
   */
  _adopt(probe, hello) {
    const sse = /** @type {WebSocketLike} */ (this._ws);
    this._trials.reset();
    this._transport.switchedToWebSocket();
    this._openedAt = this._now() - this._o.fallbackWindowMs; // it has been open that long already
    this._ws = probe; // from here on, events of the SSE stream are ignored
    this._attach(probe);
    this._heartbeat.stop();
    if (hello) this._onMessage(hello);
    this._topics.subscribeAll();
    this._heartbeat.start();
    try { sse.close(1000, 'switched to WebSocket'); } catch (error) { /* already closed */ }
  }

  /** @private */
  _onDead() {
    const ws = /** @type {WebSocketLike} */ (this._ws);
    this._onClose(ws, 4009, 'heartbeat timeout', true); // first, so that the socket is no longer current
    try { ws.close(4009, 'heartbeat timeout'); } catch (e) { /* already closed */ }
  }

  /** @private @param {string} raw */
  _onMessage(raw) {
    this._heartbeat.heard();
    this._stats.messagesReceived++;
    let msg;
    try { msg = JSON.parse(raw); } catch (error) {
      return this._listeners.emit('error', { type: 'parse', message: 'invalid JSON from server', error });
    }
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'pong': case 'unsubscription': return;
      case 'connected': return void (this._info = { clientId: msg.client_id, node: msg.node,
        availableTopics: msg.available_topics || [], protocol: msg.protocol });
      case 'subscription': return this._topics.onSubscription(msg);
      case 'error': return this._listeners.emit('error', { type: 'server', message: msg.message, frame: msg });
      case 'gap': return this._topics.onGap(msg);
      case 'batch': return void (msg.items || []).forEach((/** @type {any} */ item) => this._topics.onEvent({ topic: msg.topic, ...item }));
      default: return this._topics.onEvent(msg);
    }
  }

  /**
   * Writes to the current socket, which callers guarantee is open; counts every frame, pings included.
   * @private
   * @param {string} frame
   * @returns {boolean}
   */
  _write(frame) {
    /** @type {WebSocketLike} */ (this._ws).send(frame);
    this._stats.messagesSent++;
    return true;
  }

  /**
   * Toasts through options.notifications, else window.notificationManager, else (browser only) a minimal default.
   * @private @param {import('./types.js').ToastType} type @param {string} message @param {import('./types.js').ToastAction} [action]
   */
  _notify(type, message, action) {
    notify({ notifications: this._o.notifications, window: this._window, document: this._document }, type, message, action);
  }
}
WebSocketManager.STATES = STATES;
WebSocketManager.CLOSE_CODES = CLOSE_CODES;
