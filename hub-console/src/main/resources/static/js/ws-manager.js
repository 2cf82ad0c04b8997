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
  // fallbackWindowMs: a WebSocket that dies this soon after opening, twice in a row, sends the client to SSE, and a
  // WebSocket tried again from SSE must stay open this long before it takes over (wsRetryMs doubling to wsRetryMaxMs).
  const DEFAULTS = Object.freeze({ reconnectBaseMs: 1000, reconnectMaxMs: 30000, maxReconnectAttempts: 10,
    heartbeatIntervalMs: 30000, heartbeatTimeoutMs: 10000, maxBufferedMessages: 100, drainDelayMaxMs: 5000,
    fallbackWindowMs: 5000, wsRetryMs: 60000, wsRetryMaxMs: 600000 });
  const root = typeof globalThis !== 'undefined' ? globalThis : {};
  const errorMessage = (error) => String((error && error.message) || error);

  const defaultUrl = (loc) => loc && (loc.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + loc.host + '/api/ws/realtime';
  const withParam = (url, name, value) =>
    (value == null || value === '' ? url : url + (url.includes('?') ? '&' : '?') + name + '=' + encodeURIComponent(value));
  const withToken = (url, token) => withParam(url, 'token', token);
  /** The SSE stream's URL next to a WebSocket URL: ws(s)://host/api/ws/realtime -> http(s)://host/api/sse/realtime. */
  const sseUrlOf = (wsUrl) => wsUrl.replace(/^ws/, 'http').replace('/api/ws/realtime', '/api/sse/realtime');

  /**
   * The Server-Sent Events transport, with a WebSocket's face (onopen/onmessage/onclose/onerror, send, close) so that
   * the manager drives both alike. The stream is an EventSource (opened with a one-time ?ticket= when there is a token:
   * tokens never go in URLs); each command is POSTed to the stream's session, one request at a time so that the server
   * sees them in order, and kept in order until the `connected` event names the session. It closes once, reporting
   * the server's `disconnect` code, 1006 for a broken stream or a command answered 404 (the session is gone), or the
   * code given to close(); close() reports synchronously, as no browser event would follow.
   */
  class SseTransport {
    constructor(url, token, EventSourceClass, fetch) {
      Object.assign(this, { onopen: null, onmessage: null, onclose: null, onerror: null });
      this._base = url.split('?')[0]; // commands go to <base>/<session>, the ticket request to <base's parent>/ticket
      this._fetch = fetch;
      this._queue = [];      // frames not POSTed yet, oldest first
      this._session = null;  // from the `connected` event
      this._posting = false; // a command POST is in flight
      this._closed = false;
      this._es = null;
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
    send(frame) {
      if (this._closed) return;
      this._queue.push(frame);
      this._flush();
    }
    close(code = 1000, reason = '') { this._end(code, reason); }

    async _ticket(token) {
      const res = await this._fetch(this._base.replace(/\/[^/]*$/, '/ticket'),
        { method: 'POST', headers: { Authorization: 'Bearer ' + token }, credentials: 'same-origin' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const body = await res.json();
      if (!body || !body.ticket) throw new Error('no ticket in the answer');
      return body.ticket;
    }
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
    _end(code, reason) {
      if (this._closed) return;
      this._closed = true;
      this._queue = [];
      const es = this._es;
      if (es) { es.onopen = es.onmessage = es.onerror = null; es.close(); }
      if (this.onclose) this.onclose({ code, reason: reason || '' });
    }
  }

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
      this._fetch = options.fetch || (root.fetch ? (...args) => root.fetch(...args) : null);
      this._EventSource = options.EventSource !== undefined ? options.EventSource : root.EventSource; // null: no SSE fallback
      this._state = 'disconnected';
      this._ws = null;            // the current transport (a WebSocket or an SseTransport); events of any other are ignored
      this._transport = 'websocket'; // the kind of the current connection, else of the next attempt
      this._quickDeaths = 0;      // WebSocket connections in a row that died within fallbackWindowMs of opening
      this._openedAt = 0;         // when the current connection opened
      this._probe = null;         // on SSE: a WebSocket on trial, adopted once it has stayed open fallbackWindowMs
      this._probeFailures = 0;    // WebSocket trials failed in a row: the next waits wsRetryMs * 2^this
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
      this._disarm('reconnect'); this._sleep(); this._stopHeartbeat(); this._endProbe();
      if (!ws) return this._setState('disconnected', why);
      this._setState('closing', why);
      try { ws.close(why.code, why.reason); } catch (e) { this._onClose(ws, why.code, why.reason, true); }
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
      return Object.assign({}, this._stats, { status: this._state, transport: this._transport, bufferedMessages: this._buffer.length,
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
          return this._onClose(null, 1006, 'getToken failed', false);
        }
        if (gen !== this._gen) return; // disconnect() or connect() ran meanwhile
      }
      try { ws = this._createTransport(this._transport, token); } catch (error) {
        this._emit('error', { type: 'socket', message: errorMessage(error), error });
        return this._onClose(null, 1006, 'cannot create ' + this._transport, true);
      }
      this._ws = ws;
      this._attach(ws);
    }
    /** A WebSocket, or the SSE transport: the stream next to options.url unless options.sseUrl says otherwise. */
    _createTransport(kind, token) {
      if (!this._url) throw new Error('no url: pass options.url outside a browser');
      if (kind === 'websocket') return new (this._o.WebSocket || root.WebSocket)(withToken(this._url, token));
      return new SseTransport(this._o.sseUrl || sseUrlOf(this._url), token, this._EventSource, this._fetch);
    }
    _sseAvailable() { return !!(this._EventSource && this._fetch); }
    _attach(ws) {
      ws.onopen = () => { if (ws === this._ws) this._onOpen(); };
      ws.onmessage = (e) => { if (ws === this._ws) this._onMessage(e.data); };
      ws.onerror = (e) => {
        if (ws === this._ws && !this._manual) this._emit('error', { type: 'socket', message: (e && e.message) || 'WebSocket error' });
      };
      ws.onclose = (e) => this._onClose(ws, e.code, e.reason, true);
    }
    _onOpen() {
      const s = this._stats;
      this._openedAt = this._now();
      if (this._transport === 'sse') this._armProbe();
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
    /** `tried`: a transport was created (false when getToken failed), so the close says something about the transport. */
    _onClose(ws, code, reason, tried) {
      if (ws !== this._ws) return;
      this._ws = null;
      this._stopHeartbeat();
      this._endProbe();
      const wasConnected = this._state === 'connected', policy = closePolicy(code);
      if (wasConnected) this._stats.lastDisconnectedAt = new Date(this._now());
      if (tried && !this._manual) this._pickTransport(wasConnected);
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
    /**
     * The transport of the next attempt: the other one after a transport that could not open; SSE after a WebSocket
     * that opened and died within fallbackWindowMs twice in a row (a proxy that cuts upgraded connections).
     */
    _pickTransport(wasConnected) {
      if (!this._sseAvailable()) return void (this._transport = 'websocket');
      if (!wasConnected) {
        this._quickDeaths = 0;
        this._transport = this._transport === 'websocket' ? 'sse' : 'websocket';
      } else if (this._transport === 'websocket') {
        const quick = this._now() - this._openedAt < this._o.fallbackWindowMs;
        this._quickDeaths = quick ? this._quickDeaths + 1 : 0;
        if (this._quickDeaths >= 2) [this._transport, this._quickDeaths] = ['sse', 0];
      }
    }
    /** On SSE: a quiet WebSocket trial after wsRetryMs, doubling per failed trial up to wsRetryMaxMs. */
    _armProbe() {
      const o = this._o;
      this._arm('probe', Math.min(o.wsRetryMaxMs, o.wsRetryMs * Math.pow(2, this._probeFailures)), () => this._startProbe());
    }
    async _startProbe() {
      const sse = this._ws;
      let token = this._o.token, probe;
      try {
        if (this._o.getToken) token = await this._o.getToken();
        if (sse !== this._ws) return; // the SSE connection closed meanwhile: its close ended the trial
        probe = this._createTransport('websocket', token);
      } catch (error) { return this._probeFailed(sse); }
      let hello = null; // the trial's `connected` frame, applied at the switch
      this._probe = probe;
      probe.onopen = () => { if (probe === this._probe) this._arm('probation', this._o.fallbackWindowMs, () => this._adopt(probe, hello)); };
      probe.onmessage = (e) => { // events wait for the switch, which recovers them with since
        try { if (probe === this._probe && JSON.parse(e.data).type === 'connected') hello = e.data; } catch (error) { /* ignored */ }
      };
      probe.onclose = () => { if (probe === this._probe) { this._probe = null; this._disarm('probation'); this._probeFailed(sse); } };
    }
    _probeFailed(sse) {
      if (sse !== this._ws) return;
      this._probeFailures++;
      this._armProbe();
    }
    _endProbe() {
      const probe = this._probe;
      this._probe = null;
      this._disarm('probe'); this._disarm('probation');
      if (probe) try { probe.close(1000, 'WebSocket trial ended'); } catch (error) { /* already closed */ }
    }
    /**
     * The WebSocket on trial stayed open: it becomes the connection before SSE is closed. Every topic subscribes on it
     * with since = the last seq SSE delivered, so what SSE would still have said is replayed once, and nothing twice.
     */
    _adopt(probe, hello) {
      const sse = this._ws;
      this._probe = null;
      [this._transport, this._quickDeaths, this._probeFailures] = ['websocket', 0, 0];
      this._openedAt = this._now() - this._o.fallbackWindowMs; // it has been open that long already
      this._ws = probe; // from here on, events of the SSE stream are ignored
      this._attach(probe);
      this._stopHeartbeat();
      if (hello) this._onMessage(hello);
      for (const [topic, t] of this._topics) if (topic !== '*') this._sendSubscribe(topic, t);
      this._startHeartbeat();
      try { sse.close(1000, 'switched to WebSocket'); } catch (error) { /* already closed */ }
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
      this._onClose(ws, 4009, 'heartbeat timeout', true); // first, so that the socket is no longer current
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
  const api = { WebSocketManager, SseTransport, backoffDelay, closePolicy, CLOSE_CODES, STATES, DEFAULTS };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.WebSocketManager = WebSocketManager;
    // The shared instance connects on its first subscribe() or connect(), never at load.
    if (!window.wsManager) window.wsManager = new WebSocketManager({ lazy: true });
  }
})();
