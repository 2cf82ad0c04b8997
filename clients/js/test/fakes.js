// Test doubles for the client's modules: a virtual clock, a scriptable WebSocket and EventSource, a recording fetch, event
// targets and a notification recorder.
import * as client from '../src/index.js';
import { classicScript } from '../scripts/classic-script.mjs';

/** The text of the classic script /js/ws-manager.js, generated from the modules as the build does. */
const CLASSIC_SCRIPT = classicScript();

/** A virtual clock with the timer API of the browser; time moves only through tick(). */
class FakeClock {
  constructor() {
    this.now = 0;
    this.timers = new Map(); // id -> {fn, at, every}
    this.nextId = 1;
  }

  setTimeout(fn, ms = 0) { return this._add(fn, ms, null); }
  setInterval(fn, ms) { return this._add(fn, ms, ms); }
  clearTimeout(id) { this.timers.delete(id); }
  clearInterval(id) { this.timers.delete(id); }

  _add(fn, ms, every) {
    const id = this.nextId++;
    this.timers.set(id, { fn, at: this.now + Math.max(0, ms), every });
    return id;
  }

  /** Advances by ms, running due timers in time order (ties in creation order), including those they create. */
  tick(ms) {
    const end = this.now + ms;
    for (;;) {
      let next = null;
      for (const [id, timer] of this.timers) if (timer.at <= end && (!next || timer.at < next.timer.at)) next = { id, timer };
      if (!next) break;
      this.now = next.timer.at;
      if (next.timer.every != null) next.timer.at += next.timer.every;
      else this.timers.delete(next.id);
      next.timer.fn();
    }
    this.now = end;
  }

  /** Delays from now of the pending one-shot timers, smallest first. */
  pendingTimeouts() {
    return [...this.timers.values()].filter((t) => t.every == null).map((t) => t.at - this.now).sort((a, b) => a - b);
  }
}

/** A fresh FakeWebSocket class per test, so that `instances` is the sockets of that test only. */
function socketClass() {
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = FakeWebSocket.CONNECTING;
      this.sent = [];
      this.closeCalls = [];
      FakeWebSocket.instances.push(this);
    }

    send(data) {
      if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError: socket not open');
      this.sent.push(data);
    }

    close(code, reason) {
      this.closeCalls.push({ code, reason });
      if (this.readyState < FakeWebSocket.CLOSING) this.readyState = FakeWebSocket.CLOSING;
    }

    // ---- driven by the tests, as the browser and the server would ----
    open() {
      this.readyState = FakeWebSocket.OPEN;
      if (this.onopen) this.onopen({ type: 'open' });
    }

    receive(message) {
      if (this.onmessage) this.onmessage({ data: typeof message === 'string' ? message : JSON.stringify(message) });
    }

    /** The close event: the server's code, or by default the code the client asked for. */
    closed(code = this.closeCalls.length ? this.closeCalls[0].code : 1006, reason = '') {
      this.readyState = FakeWebSocket.CLOSED;
      if (this.onclose) this.onclose({ type: 'close', code, reason, wasClean: code !== 1006 });
    }

    /** Parsed frames, optionally only those with one `action`. */
    frames(action) {
      const all = this.sent.map((s) => JSON.parse(s));
      return action ? all.filter((f) => f.action === action) : all;
    }
  }
  Object.assign(FakeWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3, instances: [] });
  return FakeWebSocket;
}

/** A fresh FakeEventSource class per test; like a browser's, it never fires events by itself. */
function eventSourceClass() {
  class FakeEventSource {
    constructor(url) {
      this.url = url;
      this.readyState = FakeEventSource.CONNECTING;
      this.closeCount = 0;
      FakeEventSource.instances.push(this);
    }

    close() {
      this.closeCount++;
      this.readyState = FakeEventSource.CLOSED;
    }

    // ---- driven by the tests, as the browser and the server would ----
    open() {
      this.readyState = FakeEventSource.OPEN;
      if (this.onopen) this.onopen({ type: 'open' });
    }

    /** One SSE event whose data is the frame's JSON. */
    receive(message) {
      if (this.onmessage) this.onmessage({ type: 'message', data: typeof message === 'string' ? message : JSON.stringify(message) });
    }

    /** The stream broke or could not open: the browser fires `error` and, left alone, would retry by itself. */
    fail() {
      this.readyState = FakeEventSource.CONNECTING;
      if (this.onerror) this.onerror({ type: 'error' });
    }
  }
  Object.assign(FakeEventSource, { CONNECTING: 0, OPEN: 1, CLOSED: 2, instances: [] });
  return FakeEventSource;
}

/**
 * A fetch that records every request and answers only when the test says: calls[i].respond(status, json) or
 * calls[i].fail(error). The answer reaches the client after `await settle()`.
 */
function fetchRecorder() {
  const calls = [];
  const fetch = (url, options = {}) => new Promise((resolve, reject) => {
    const call = { url, options, answered: false };
    call.respond = (status = 204, json = null) => {
      call.answered = true;
      resolve({ ok: status >= 200 && status < 300, status, json: async () => json });
    };
    call.fail = (error = new TypeError('Failed to fetch')) => { call.answered = true; reject(error); };
    calls.push(call);
  });
  fetch.calls = calls;
  /** The command POSTs (not the ticket requests), each as its list of frames, parsed. */
  fetch.commands = () => calls.filter((c) => !c.url.endsWith('/ticket')).map((c) => [].concat(JSON.parse(c.options.body)));
  fetch.pending = () => calls.filter((c) => !c.answered);
  return fetch;
}

/** Enough of EventTarget for window ('online') and document ('visibilitychange'). */
class FakeTarget {
  constructor(props = {}) {
    Object.assign(this, props);
    this.listeners = new Map();
  }

  addEventListener(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
  }

  removeEventListener(type, fn) { if (this.listeners.has(type)) this.listeners.get(type).delete(fn); }
  count(type) { return this.listeners.has(type) ? this.listeners.get(type).size : 0; }
  dispatch(type) { for (const fn of [...(this.listeners.get(type) || [])]) fn({ type }); }
}

/** Records every toast: {method, message, type, options}. */
function notificationRecorder() {
  const calls = [];
  const record = (method) => (message, type, options) => calls.push({ method, message, type, options });
  return { calls, show: record('show'), success: record('success'), error: record('error'), warning: record('warning'), info: record('info') };
}

/**
 * A manager wired to fakes; random() is 0.5 unless overridden, so a backoff delay is half its ceiling. Without
 * `sse: true` it gets EventSource: null, so the client has no fallback (WebSocket only).
 */
function setup(overrides = {}) {
  const clock = new FakeClock();
  const WS = socketClass();
  const ES = eventSourceClass();
  const fetch = fetchRecorder();
  const { sse, ...options } = overrides;
  const notes = notificationRecorder();
  const win = new FakeTarget();
  const doc = new FakeTarget({ visibilityState: 'visible' });
  const manager = new client.WebSocketManager(Object.assign({
    url: 'ws://hub.test/api/ws/realtime', WebSocket: WS, timers: clock, random: () => 0.5,
    now: () => clock.now, notifications: notes, window: win, document: doc,
  }, sse ? { EventSource: ES, fetch } : { EventSource: null }, options)); // null: whatever the runtime has
  return {
    manager, clock, WS, ES, fetch, notes, win, doc,
    get ws() { return WS.instances[WS.instances.length - 1]; },
    get sockets() { return WS.instances.length; },
    get es() { return ES.instances[ES.instances.length - 1]; },
    get streams() { return ES.instances.length; },
  };
}

/** connect() and open the socket, with the server's `connected` frame. */
function connected(ctx) {
  ctx.manager.connect();
  ctx.ws.open();
  ctx.ws.receive({ type: 'connected', client_id: 'c-1', node: 'node-a', available_topics: ['stats', 'logs'], protocol: 1 });
  return ctx.ws;
}

/** Lets pending promise callbacks (an async getToken) run; no time passes on any clock. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

export { CLASSIC_SCRIPT, client, FakeClock, socketClass, eventSourceClass, fetchRecorder, FakeTarget,
  notificationRecorder, setup, connected, settle };
