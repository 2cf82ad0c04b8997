/* realtime-hub browser client for wire protocol v1 (DESIGN.md): one dependency-free file, no build step. */
(function () {
  'use strict';

  /**
   * Close codes of the hub and what the client does on each; unknown codes reconnect with backoff. The same table as
   * the server's CloseCode (names and reconnect policies; CloseCodeTableTest compares them) and docs/API.md.
   */
  const CLOSE_CODES = Object.freeze({
    1000: { name: 'normal', reconnect: 'backoff' }, // only when not asked for: disconnect() never reconnects
    1001: { name: 'going_away', reconnect: 'drain' }, // after random 0..drainDelayMaxMs, then backoff
    1008: { name: 'policy_violation', reconnect: 'backoff' },
    1009: { name: 'too_big', reconnect: 'backoff' },
    1011: { name: 'internal_error', reconnect: 'backoff' },
    4001: { name: 'token_expired', reconnect: 'now' }, // getToken() runs before every connect
    4003: { name: 'forbidden', reconnect: 'none' }, // reported via onError and a toast
    4008: { name: 'slow_consumer', reconnect: 'now' }, // recovered with `since`
    4009: { name: 'heartbeat_timeout', reconnect: 'backoff' },
  });
  Object.values(CLOSE_CODES).forEach(Object.freeze);

  /** How to reconnect after a close with `code`: 'none' | 'now' | 'drain' | 'backoff'. */
  const closePolicy = (code) => (CLOSE_CODES[code] ? CLOSE_CODES[code].reconnect : 'backoff');

  /** Full-jitter exponential backoff: random() * min(maxMs, baseMs * 2^attempt), attempt counted from 0. */
  function backoffDelay(attempt, baseMs = 1000, maxMs = 30000, random = Math.random) {
    return random() * Math.min(maxMs, baseMs * Math.pow(2, attempt));
  }

  const STATES = Object.freeze(['connecting', 'connected', 'closing', 'disconnected']);
  const DEFAULTS = Object.freeze({ reconnectBaseMs: 1000, reconnectMaxMs: 30000, maxReconnectAttempts: 10,
    heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 10000, maxBufferedMessages: 100, drainDelayMaxMs: 5000 });
  const root = typeof globalThis !== 'undefined' ? globalThis : {};
  const errorMessage = (error) => String((error && error.message) || error);

  const defaultUrl = (loc) => loc && (loc.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + loc.host + '/api/ws/realtime';
  const withToken = (url, token) =>
    (token == null || token === '' ? url : url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token));

  let fallbackToaster = null;
  /** Minimal toaster for pages without window.notificationManager: stacked divs, bottom right, auto-hide. */
  function defaultToaster(doc) {
    if (fallbackToaster) return fallbackToaster;
    const colors = { success: '#2e7d32', error: '#c62828', warning: '#ef6c00', info: '#1565c0' };
    const box = doc.createElement('div');
    box.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483647;display:flex;flex-direction:column;gap:8px';
    const show = (message, type = 'info', { action } = {}) => {
      const el = (box.isConnected ? box : doc.body.appendChild(box)).appendChild(doc.createElement('div'));
      el.setAttribute('role', type === 'error' ? 'alert' : 'status');
      el.style.cssText = 'padding:10px 14px;border-radius:6px;color:#fff;font:14px sans-serif;background:' + (colors[type] || colors.info);
      el.textContent = message;
      const button = action && el.appendChild(doc.createElement('button'));
      if (button) Object.assign(button, { textContent: action.label, onclick: () => { el.remove(); action.onClick(); } });
      setTimeout(() => el.remove(), action ? 30000 : 4000);
    };
    fallbackToaster = { show };
    for (const type of Object.keys(colors)) fallbackToaster[type] = (message) => show(message, type);
    return fallbackToaster;
  }

  /** WebSocketManager keeps one hub connection alive and routes topic events to subscribers, without loss or duplicates. */
  class WebSocketManager {
    constructor(options = {}) {
      this._o = Object.assign({}, DEFAULTS, options);
      this._timers = options.timers || root; // called as methods of their object, so globalThis works as is
      this._random = options.random || Math.random;
      this._now = options.now || Date.now;
      this._window = options.window !== undefined ? options.window : root.window;
      this._document = options.document !== undefined ? options.document : root.document;
      this._url = options.url || defaultUrl(options.location || root.location);
      this._state = 'disconnected';
      this._ws = null;            // the current socket; events of any other socket are ignored
      this._gen = 0;              // bumped by every open and by disconnect(); a stale getToken() compares it
      this._manual = false;       // true after disconnect(): nothing reconnects until connect()
      this._started = false;      // connect() has been called (the lazy default instance waits for it)
      this._lostNotified = false; // a "connection lost" toast was shown; the next open says "restored"
      this._overflowing = false;  // the buffer overflowed since its last flush (reported once)
      this._handles = {};         // timer name -> {id, repeat}; every timer goes through _arm/_disarm
      this._wakeups = [];         // removers of the online/visibility listeners armed after giving up
      this._buffer = [];          // outgoing frames (strings) kept while not connected, oldest first
      this._topics = new Map();   // topic -> {handlers: Map(handler -> options), seq, epoch, recovering}
      this._info = null;          // from the server's `connected` frame
      this._listeners = { state: new Set(), connect: new Set(), disconnect: new Set(), error: new Set() };
      this._stats = { messagesReceived: 0, messagesSent: 0, reconnectCount: 0, lastConnectedAt: null, lastDisconnectedAt: null,
        reconnectAttempts: 0, recoveries: 0, gaps: 0, droppedBuffered: 0, duplicatesDropped: 0 };
    }

    /** Opens the connection (no-op while connecting or connected); also the manual retry after giving up. */
    connect() {
      this._started = true;
      this._manual = false;
      this._sleep();
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
      this._lostNotified = false;
      this._disarm('reconnect'); this._sleep(); this._stopHeartbeat();
      if (!ws) return this._setState('disconnected', why);
      this._setState('closing', why);
      try { ws.close(why.code, why.reason); } catch (e) { this._onClose(ws, why.code, why.reason); }
    }
    /** Adds a handler for `topic` ('*' = every event); options.since/epoch start a new topic after a snapshot's seq. */
    subscribe(topic, handler, options = {}) {
      if (typeof topic !== 'string' || !topic) throw new TypeError('subscribe: topic must be a non-empty string');
      if (typeof handler !== 'function') throw new TypeError('subscribe: handler must be a function');
      let t = this._topics.get(topic);
      if (!t) {
        const o = options || {}, since = topic !== '*' && Number.isInteger(o.since) && o.since >= 0 ? o.since : null;
        this._topics.set(topic, (t = { handlers: new Map(), seq: since, epoch: since == null ? null : o.epoch || null, recovering: false }));
        if (topic !== '*' && this._state === 'connected') this._sendSubscribe(topic, t);
      }
      t.handlers.set(handler, options || {});
      if (this._o.lazy && !this._started) this.connect();
      return () => this.unsubscribe(topic, handler);
    }
    /** Removes one handler, or all of the topic without `handler`; the server hears of it when none remains. */
    unsubscribe(topic, handler) {
      const t = this._topics.get(topic);
      if (!t) return false;
      const removed = handler ? t.handlers.delete(handler) : t.handlers.size > 0;
      if (!handler) t.handlers.clear();
      if (t.handlers.size > 0) return removed;
      this._topics.delete(topic); // its seq goes too: a later subscribe starts afresh
      if (topic !== '*' && this._state === 'connected') this._write(JSON.stringify({ action: 'unsubscribe', topic }));
      return removed;
    }
    /** Sends a frame (objects are JSON-stringified): true if sent now, false if kept in the offline buffer. */
    send(data) {
      const frame = typeof data === 'string' ? data : JSON.stringify(data);
      if (this._state === 'connected') return this._write(frame);
      if (this._buffer.push(frame) <= this._o.maxBufferedMessages) return false;
      this._buffer.shift();
      this._stats.droppedBuffered++;
      if (!this._overflowing) {
        this._overflowing = true;
        const message = 'offline buffer full (' + this._o.maxBufferedMessages + ' frames): dropping the oldest';
        console.warn('[wsManager] ' + message);
        this._emit('error', { type: 'buffer_overflow', message });
      }
      return false;
    }

    isConnected() { return this._state === 'connected'; }
    getStatus() { return this._state; }
    getConnectionInfo() { return this._info ? Object.assign({}, this._info) : null; }
    getStats() {
      const info = this._info || {};
      return Object.assign({}, this._stats, { status: this._state, bufferedMessages: this._buffer.length,
        subscribedTopics: [...this._topics.keys()].filter((topic) => topic !== '*'),
        clientId: info.clientId || null, node: info.node || null, availableTopics: info.availableTopics || [] });
    }
    onConnect(cb) { return this._on('connect', cb); }
    onDisconnect(cb) { return this._on('disconnect', cb); }
    onError(cb) { return this._on('error', cb); }
    onStateChange(cb) { return this._on('state', cb); }

    /** The only writer of _state: emits once per change, always with {code, reason}. */
    _setState(state, { code, reason }) {
      if (state === this._state) return;
      const event = { state, previous: this._state, code, reason };
      this._state = state;
      this._emit('state', event);
      if (state === 'connected') this._emit('connect', event);
      if (state === 'disconnected') this._emit('disconnect', event);
    }

    async _open(reason) {
      this._disarm('reconnect');
      const gen = ++this._gen;
      this._setState('connecting', { code: 0, reason });
      let token = this._o.token, ws;
      if (this._o.getToken) {
        try { token = await this._o.getToken(); } catch (error) {
          if (gen !== this._gen) return;
          this._emit('error', { type: 'token', message: 'getToken failed: ' + errorMessage(error), error });
          return this._onClose(null, 1006, 'getToken failed');
        }
        if (gen !== this._gen) return; // disconnect() or connect() ran meanwhile
      }
      try {
        if (!this._url) throw new Error('no url: pass options.url outside a browser');
        ws = new (this._o.WebSocket || root.WebSocket)(withToken(this._url, token));
      } catch (error) {
        this._emit('error', { type: 'socket', message: errorMessage(error), error });
        return this._onClose(null, 1006, 'cannot create WebSocket');
      }
      this._ws = ws;
      ws.onopen = () => { if (ws === this._ws) this._onOpen(); };
      ws.onmessage = (e) => { if (ws === this._ws) this._onMessage(e.data); };
      ws.onerror = () => { if (ws === this._ws && !this._manual) this._emit('error', { type: 'socket', message: 'WebSocket error' }); };
      ws.onclose = (e) => this._onClose(ws, e.code, e.reason);
    }
    _onOpen() {
      const s = this._stats;
      if (s.lastConnectedAt) s.reconnectCount++;
      s.reconnectAttempts = 0;
      s.lastConnectedAt = new Date(this._now());
      // Subscriptions first (with since), then the offline buffer in its order.
      for (const [topic, t] of this._topics) if (topic !== '*') this._sendSubscribe(topic, t);
      for (const frame of this._buffer.splice(0)) this._write(frame);
      this._overflowing = false;
      this._startHeartbeat();
      if (this._lostNotified) this._notify('success', 'Realtime connection restored');
      this._lostNotified = false;
      this._setState('connected', { code: 0, reason: 'open' }); // last: a listener may disconnect()
    }
    _onClose(ws, code, reason) {
      if (ws !== this._ws) return;
      this._ws = null;
      this._stopHeartbeat();
      const wasConnected = this._state === 'connected', policy = closePolicy(code);
      if (wasConnected) this._stats.lastDisconnectedAt = new Date(this._now());
      for (const t of this._topics.values()) t.recovering = false;
      this._setState('disconnected', { code, reason: reason || '' });
      if (this._manual) return;
      if (code === 4003) {
        this._emit('error', { type: 'forbidden', code, message: reason || 'access revoked or forbidden' });
        return this._notify('error', 'Realtime access denied' + (reason ? ': ' + reason : ''));
      }
      if (policy === 'none') return;
      if (wasConnected && policy !== 'now' && !this._lostNotified) {
        this._lostNotified = true;
        this._notify('warning', 'Realtime connection lost, reconnecting…');
      }
      const now = policy === 'now' && (code !== 4001 || !!this._o.getToken); // a stale token would only get 4001 again
      this._scheduleReconnect(now ? 0 : policy === 'drain' ? this._random() * this._o.drainDelayMaxMs : undefined);
    }
    /** Counts an attempt and opens after `delay` (the backoff when undefined); gives up past the limit. */
    _scheduleReconnect(delay) {
      const s = this._stats, o = this._o;
      if (s.reconnectAttempts >= o.maxReconnectAttempts) return this._giveUp();
      if (delay === undefined) delay = backoffDelay(s.reconnectAttempts, o.reconnectBaseMs, o.reconnectMaxMs, this._random);
      s.reconnectAttempts++;
      if (delay <= 0) this._open('reconnect');
      else this._arm('reconnect', delay, () => this._open('reconnect'));
    }
    _giveUp() {
      const retry = () => this.connect(), doc = this._document;
      this._emit('error', { type: 'gave_up', message: 'gave up after ' + this._o.maxReconnectAttempts + ' reconnect attempts' });
      this._notify('error', 'Realtime connection lost', { label: 'Retry', onClick: retry });
      this._sleep();
      this._listen(this._window, 'online', retry);
      this._listen(doc, 'visibilitychange', () => { if (doc.visibilityState === 'visible') retry(); });
    }

    /** Invariant: the 'pong' timer runs only between a ping and the next inbound frame of any kind. */
    _startHeartbeat() {
      this._arm('ping', this._o.heartbeatIntervalMs, () => {
        this._write('{"action":"ping"}');
        if (!this._handles.pong) this._arm('pong', this._o.heartbeatTimeoutMs, () => this._onDead());
      }, true);
    }
    _stopHeartbeat() { this._disarm('ping'); this._disarm('pong'); }
    _onDead() {
      const ws = this._ws;
      this._onClose(ws, 4009, 'heartbeat timeout'); // first, so that the socket is no longer current
      try { ws.close(4009, 'heartbeat timeout'); } catch (e) { /* already closed */ }
    }

    _onMessage(raw) {
      this._disarm('pong');
      this._stats.messagesReceived++;
      let msg;
      try { msg = JSON.parse(raw); } catch (error) {
        return this._emit('error', { type: 'parse', message: 'invalid JSON from server', error });
      }
      if (!msg || typeof msg !== 'object') return;
      switch (msg.type) {
        case 'pong': case 'unsubscription': return;
        case 'connected': return void (this._info = { clientId: msg.client_id, node: msg.node,
          availableTopics: msg.available_topics || [], protocol: msg.protocol });
        case 'subscription': return this._onSubscription(msg);
        case 'error': return this._emit('error', { type: 'server', message: msg.message, frame: msg });
        case 'gap': return this._onGap(msg);
        case 'batch': return void (msg.items || []).forEach((item) => this._onEvent({ topic: msg.topic, ...item }));
        default: return this._onEvent(msg);
      }
    }

    _onSubscription(msg) {
      const t = msg.topic === '*' ? undefined : this._topics.get(msg.topic);
      if (msg.success === false) {
        if (t) t.recovering = false;
        return this._emit('error', { type: 'subscription', topic: msg.topic, message: msg.error || 'subscription refused', frame: msg });
      }
      if (!t) return; // unsubscribed meanwhile
      const epochChanged = t.epoch != null && msg.epoch != null && msg.epoch !== t.epoch;
      t.recovering = false;
      if (msg.recovered === true) this._stats.recoveries++;
      // After recovered:true the replay (seq > since) follows, so lastSeq stays at since.
      if (t.seq == null || epochChanged || msg.recovered === false) t.seq = typeof msg.seq === 'number' ? msg.seq : null;
      if (msg.epoch != null) t.epoch = msg.epoch;
      if (msg.recovered !== false) return;
      const meta = { recovered: false, reason: msg.reason || (epochChanged ? 'epoch_changed' : 'history_unavailable'),
        seq: msg.seq, epoch: msg.epoch };
      for (const [handler, options] of [...t.handlers]) {
        this._call(handler, [null, msg.topic, meta], msg.topic);
        if (typeof options.onRecoveryFailed === 'function') this._call(options.onRecoveryFailed, [{ topic: msg.topic, ...meta }], msg.topic);
      }
    }
    _onGap(msg) {
      this._stats.gaps++;
      const t = msg.topic === '*' ? undefined : this._topics.get(msg.topic);
      if (!t || this._state !== 'connected') return;
      // An event past the gap may already have moved lastSeq: recover from just before the gap.
      if (typeof msg.from === 'number' && (t.seq == null || msg.from - 1 < t.seq)) t.seq = msg.from - 1;
      this._sendSubscribe(msg.topic, t);
    }

    /** Dedupe, then dispatch: per topic seq only grows; '*' handlers see every event after the topic's own. */
    _onEvent(ev) {
      const topic = ev.topic, t = topic == null || topic === '*' ? undefined : this._topics.get(topic);
      if (t && typeof ev.seq === 'number') {
        // While a subscribe with `since` is in flight, live events are dropped: the replay (seq > since) re-sends them.
        if (t.recovering || (t.seq != null && ev.seq <= t.seq)) return void this._stats.duplicatesDropped++;
        t.seq = ev.seq;
      }
      const meta = { seq: ev.seq, epoch: t ? t.epoch : undefined }, wildcard = this._topics.get('*');
      const handlers = [...(t ? t.handlers.keys() : []), ...(wildcard ? wildcard.handlers.keys() : [])];
      for (const handler of handlers) this._call(handler, [ev, topic, meta], topic);
    }
    /** Sends a subscribe, with since/epoch once a seq is known; the topic then recovers until the reply. */
    _sendSubscribe(topic, t) {
      const frame = { action: 'subscribe', topic };
      if (t.seq != null) {
        Object.assign(frame, { since: t.seq }, t.epoch != null ? { epoch: t.epoch } : {});
        t.recovering = true;
      }
      this._write(JSON.stringify(frame));
    }
    /** Writes to the current socket, which callers guarantee is open; counts every frame, pings included. */
    _write(frame) {
      this._ws.send(frame);
      this._stats.messagesSent++;
      return true;
    }
    _on(kind, cb) {
      if (typeof cb !== 'function') throw new TypeError('listener must be a function');
      this._listeners[kind].add(cb);
      return () => this._listeners[kind].delete(cb);
    }
    _emit(kind, event) {
      for (const cb of [...this._listeners[kind]]) {
        try { cb(event); } catch (error) {
          console.error('[wsManager] ' + kind + ' listener failed', error);
          if (kind !== 'error') this._emit('error', { type: 'listener', message: errorMessage(error), error });
        }
      }
    }
    /** Calls a subscriber; its exception is reported and never stops the other handlers. */
    _call(fn, args, topic) {
      try { fn(...args); } catch (error) {
        console.error('[wsManager] handler for "' + topic + '" failed', error);
        this._emit('error', { type: 'handler', topic, message: errorMessage(error), error });
      }
    }
    _arm(name, ms, fn, repeat = false) {
      this._disarm(name);
      const timers = this._timers, handle = { repeat };
      handle.id = repeat ? timers.setInterval(fn, ms)
        : timers.setTimeout(() => { if (this._handles[name] === handle) delete this._handles[name]; fn(); }, ms);
      this._handles[name] = handle;
    }
    _disarm(name) {
      const handle = this._handles[name];
      delete this._handles[name];
      if (handle) this._timers[handle.repeat ? 'clearInterval' : 'clearTimeout'](handle.id);
    }
    _listen(target, type, fn) {
      if (!target || typeof target.addEventListener !== 'function') return;
      target.addEventListener(type, fn);
      this._wakeups.push(() => target.removeEventListener(type, fn));
    }
    _sleep() { for (const remove of this._wakeups.splice(0)) remove(); }

    /** Toasts through options.notifications, else window.notificationManager, else (browser only) a minimal default. */
    _notify(type, message, action) {
      const w = this._window, doc = this._document;
      const n = this._o.notifications || (w && w.notificationManager) || (doc && doc.body ? defaultToaster(doc) : null);
      if (!n) return;
      try {
        if (action && typeof n.show === 'function') n.show(message, type, { action, duration: 0 });
        else if (typeof n[type] === 'function') n[type](message);
        else if (typeof n.show === 'function') n.show(message, type);
      } catch (error) { console.error('[wsManager] notification failed', error); }
    }
  }
  Object.assign(WebSocketManager, { STATES, CLOSE_CODES });
  const api = { WebSocketManager, backoffDelay, closePolicy, CLOSE_CODES, STATES, DEFAULTS };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.WebSocketManager = WebSocketManager;
    // The shared instance connects on its first subscribe() or connect(), never at load.
    if (!window.wsManager) window.wsManager = new WebSocketManager({ lazy: true });
  }
})();
