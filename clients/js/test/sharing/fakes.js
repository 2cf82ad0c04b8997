// Test doubles for the tab protocol: a virtual clock, a hub with per-topic history, the unshared connection the
// holder drives (subscribe with since replays from the hub's history, as the real hub does), Web Locks, a
// BroadcastChannel, MessagePorts and a page window, all of one simulated browser.

import { checkOptions } from '../../src/options.js';

/** Lets every queued microtask and message run (messages are delivered one macrotask later, as browsers do). */
export async function settle(rounds = 20) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A virtual clock with the timer API of the browser; time moves only through tick(). */
export class FakeClock {
  constructor() { this.now = 0; this.timers = new Map(); this.nextId = 1; }
  setTimeout(fn, ms = 0) { const id = this.nextId++; this.timers.set(id, { fn, at: this.now + Math.max(0, ms) }); return id; }
  clearTimeout(id) { this.timers.delete(id); }
  tick(ms) {
    const end = this.now + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.timers) if (t.at <= end && (!next || t.at < next.t.at)) next = { id, t };
      if (!next) break;
      this.timers.delete(next.id);
      this.now = next.t.at;
      next.t.fn();
    }
    this.now = end;
  }
}

/** A hub: topics with a seq and a history, the connections that are open, and every frame they sent. */
export class FakeHub {
  constructor() { this.topics = new Map(); this.open = new Set(); this.frames = []; this.tokens = []; }
  publish(topic, data = {}) {
    const t = this._topic(topic);
    const ev = { type: 'event', topic, seq: ++t.seq, ...data };
    t.history.push(ev);
    for (const conn of this.open) conn._deliver(ev);
    return ev;
  }
  subscribeFrames(topic) { return this.frames.filter((f) => f.action === 'subscribe' && f.topic === topic); }
  unsubscribeFrames(topic) { return this.frames.filter((f) => f.action === 'unsubscribe' && f.topic === topic); }
  _topic(topic) {
    if (!this.topics.has(topic)) this.topics.set(topic, { seq: 0, history: [] });
    return this.topics.get(topic);
  }
  /** The createConnection of a holder: (config, hooks) -> a FakeConnection on this hub. */
  factory(made = [], tab = null) {
    return (config, hooks) => { const c = new FakeConnection(this, config, hooks); c.tab = tab; made.push(c); return c; };
  }
}

/**
 * The subset of WebSocketManager a ConnectionHost drives: connecting takes a token (hooks.getToken) and one macrotask;
 * subscribe with since replays the hub's history after it; each topic has one handler set, as in the real manager.
 */
export class FakeConnection {
  constructor(hub, config, hooks) {
    checkOptions(Object.assign({}, config, hooks, { shared: false })); // what the real manager is given must pass its check
    Object.assign(this, { hub, config, hooks, state: 'disconnected', subs: new Map(), listeners: { state: [], error: [] } });
    this.sent = [];
  }
  onStateChange(cb) { this.listeners.state.push(cb); }
  onError(cb) { this.listeners.error.push(cb); }
  getStatus() { return this.state; }
  getStats() { return { status: this.state, transport: 'websocket', duplicatesDropped: 0, bufferedMessages: 0, messagesReceived: this.received || 0 }; }
  getConnectionInfo() { return this.state === 'connected' ? { clientId: 'c1' } : null; }
  connect() {
    if (this.state === 'connecting' || this.state === 'connected') return;
    this._set('connecting', 0, 'connect');
    const token = this.hooks.getToken ? this.hooks.getToken() : Promise.resolve(this.config.token);
    token.then((value) => setImmediate(() => {
      if (this.state !== 'connecting') return;
      this.hub.tokens.push(value);
      this.hub.open.add(this);
      this._set('connected', 0, 'open');
      for (const [topic, s] of this.subs) this._subscribeAtHub(topic, s);
    }), (error) => {
      for (const cb of this.listeners.error) cb({ type: 'token', message: String(error.message) });
      this._set('disconnected', 1006, 'getToken failed');
    });
  }
  disconnect() {
    this.hub.open.delete(this);
    this._set('disconnected', 1000, 'client disconnect');
  }
  /** The hub closes this connection (e.g. 4001); reconnecting is the manager's own business, not the host's. */
  dropByHub(code, reason) {
    this.hub.open.delete(this);
    this._set('disconnected', code, reason);
  }
  subscribe(topic, handler, options = {}) {
    const s = { handlers: new Set([handler]), since: Number.isInteger(options.since) ? options.since : null };
    if (this.subs.has(topic)) this.subs.get(topic).handlers.add(handler);
    else { this.subs.set(topic, s); if (this.state === 'connected') this._subscribeAtHub(topic, s); }
  }
  unsubscribe(topic, handler) {
    const s = this.subs.get(topic);
    if (!s) return;
    s.handlers.delete(handler);
    if (s.handlers.size) return;
    this.subs.delete(topic);
    if (this.state === 'connected') this.hub.frames.push({ conn: this, action: 'unsubscribe', topic });
  }
  send(frame) { this.sent.push(frame); return this.state === 'connected'; }
  _subscribeAtHub(topic, s) {
    this.hub.frames.push({ conn: this, action: 'subscribe', topic, since: s.since });
    if (topic === '*' || s.since == null) return;
    for (const ev of this.hub._topic(topic).history) if (ev.seq > s.since) this._deliverTo(topic, ev);
  }
  _deliver(ev) {
    if (this.subs.has(ev.topic)) this._deliverTo(ev.topic, ev);
    if (this.subs.has('*')) for (const h of [...this.subs.get('*').handlers]) h(ev, ev.topic, { seq: ev.seq, epoch: 'e1' });
  }
  _deliverTo(topic, ev) {
    const s = this.subs.get(topic);
    this.received = (this.received || 0) + 1;
    if (s) for (const h of [...s.handlers]) h(ev, topic, { seq: ev.seq, epoch: 'e1' });
  }
  _set(state, code, reason) {
    if (state === this.state) return;
    const event = { state, previous: this.state, code, reason };
    this.state = state;
    for (const cb of this.listeners.state) cb(event);
  }
}

/** The Web Locks of one browser: each tab asks through its own view, and a closed tab loses what it held. */
export class FakeLockRegistry {
  constructor() { this.queues = new Map(); } // name -> [{tab, cb, signal, resolve, held}]
  forTab(tab) {
    return { request: (name, options, cb) => this._request(tab, name, typeof options === 'function' ? {} : options, cb || options) };
  }
  holderOf(name) { const q = this.queues.get(name); return q && q[0] && q[0].held ? q[0].tab : null; }
  /** The tab is gone: its held locks are released and its waiting requests dropped. */
  closeTab(tab) {
    for (const [name, q] of this.queues) {
      const wasHeld = q[0] && q[0].held && q[0].tab === tab;
      this.queues.set(name, q.filter((r) => r.tab !== tab));
      if (wasHeld) this._grant(name);
    }
  }
  _request(tab, name, options, cb) {
    return new Promise((resolve, reject) => {
      const req = { tab, cb, resolve, held: false };
      if (!this.queues.has(name)) this.queues.set(name, []);
      this.queues.get(name).push(req);
      if (options && options.signal) options.signal.addEventListener('abort', () => {
        const q = this.queues.get(name);
        if (!req.held && q.includes(req)) { q.splice(q.indexOf(req), 1); reject(new Error('AbortError')); }
      });
      if (this.queues.get(name).length === 1) this._grant(name);
    });
  }
  _grant(name) {
    const q = this.queues.get(name), req = q[0];
    if (!req || req.held) return;
    req.held = true;
    queueMicrotask(() => {
      Promise.resolve(req.cb()).then((value) => {
        const queue = this.queues.get(name);
        if (queue[0] !== req) return; // the tab was closed meanwhile
        queue.shift();
        req.resolve(value);
        this._grant(name);
      });
    });
  }
}

/** BroadcastChannel of one browser: a message reaches every other open channel of that name, one macrotask later. */
export function channelClass(registry, tab, opened = []) {
  return class FakeBroadcastChannel {
    constructor(name) { Object.assign(this, { name, tab, onmessage: null, closed: false }); registry.push(this); opened.push(this); }
    postMessage(data) {
      const copy = structuredClone(data);
      for (const other of registry) {
        if (other !== this && other.name === this.name && !other.closed) setImmediate(() => { if (!other.closed && other.onmessage) other.onmessage({ data: copy }); });
      }
    }
    close() { this.closed = true; }
  };
}

/** A MessageChannel's two ends, delivering one macrotask later with structured clones. */
export function portPair() {
  const make = () => ({ onmessage: null, other: null, closed: false, started: false,
    postMessage(data) {
      const copy = structuredClone(data), other = this.other;
      setImmediate(() => { if (!other.closed && other.onmessage) other.onmessage({ data: copy }); });
    },
    start() { this.started = true; }, close() { this.closed = true; } });
  const a = make(), b = make();
  a.other = b; b.other = a;
  return [a, b];
}

/** A page's window: addEventListener, and fire(type, event) for pagehide / pageshow. */
export class FakeWindow {
  constructor() { this.listeners = new Map(); }
  addEventListener(type, fn) { (this.listeners.get(type) || this.listeners.set(type, []).get(type)).push(fn); }
  removeEventListener(type, fn) { const l = this.listeners.get(type) || []; if (l.includes(fn)) l.splice(l.indexOf(fn), 1); }
  fire(type, event = {}) { for (const fn of [...(this.listeners.get(type) || [])]) fn(event); }
}
