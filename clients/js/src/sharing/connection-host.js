// @ts-check
import { STATS_PUSH_MS, TOKEN_TIMEOUT_MS, portableError } from './protocol.js';

/**
 * @typedef {import('./protocol.js').TabMessage} TabMessage
 * @typedef {import('./protocol.js').Post} Post
 * @typedef {{ send: Post, wants: boolean, topics: Map<string, { seq: number | null, epoch: any }>, hasGetToken: boolean, seen: number }} Peer
 * @typedef {{ peers: Set<string>, handler: any, seq: number | null, epoch: any }} Held
 * @typedef {{ resolve: (token: any) => void, reject: (error: Error) => void, timer: any, waiting: Set<string>, errors: string[] }} TokenAsk
 */

/**
 * ConnectionHost holds the one hub connection that many tabs share; it runs in the SharedWorker or in the tab that
 * holds the Web Lock. Each tab is a peer with a `send` function; the host reference-counts subscriptions (the hub
 * sees one subscribe per topic, and an unsubscribe when the last peer lets go) and forwards each event to the peers
 * subscribed to its topic. A peer that joins with a seq older than the host's (a hand-over, a tab reconnecting)
 * makes the host resubscribe with that `since`: the hub replays, and every tab drops what it has seen (topic+seq).
 *
 * Threading: one event loop (a worker's or a tab's); nothing here is shared.
 */
export class ConnectionHost {
  /**
   * @param {object} o
   * @param {(config: any, hooks: {getToken?: () => Promise<any>, notifications: any}) => any} o.createConnection
   *   makes the unshared WebSocketManager from the first tab's config
   * @param {{setTimeout: Function, clearTimeout: Function}} o.timers
   * @param {(() => any) | null} [o.getToken] the holding tab's own getToken (Web Locks); the worker asks the tabs
   */
  constructor({ createConnection, timers, getToken = null }) {
    this._create = createConnection;
    this._timers = timers;
    this._localGetToken = getToken;
    /** @type {Map<string, Peer>} tab id -> what the tab wants */
    this._peers = new Map();
    /** @type {Map<string, Held>} topic -> the tabs holding it, and the seq forwarded last: what the hub connection holds */
    this._topics = new Map();
    /** @type {any} the unshared WebSocketManager, made at the first hello */
    this._conn = null;
    /** @type {Map<number, TokenAsk>} token requests under way */
    this._asks = new Map();
    this._nextAsk = 1;
    this._clock = 0; // orders peers by when they were last seen visible
    /** @type {any} while armed, a fresh snapshot goes to the tabs when it fires: their getStats() lags at most this */
    this._statsTimer = null;
  }

  /** Registers a tab; messages of unknown ids are ignored. @param {string} id @param {Post} send */
  addPeer(id, send) {
    if (!this._peers.has(id)) this._peers.set(id, { send, wants: false, topics: new Map(), hasGetToken: false, seen: 0 });
  }
  /** A tab has gone (pagehide, its lock released, its port closed): its subscriptions are released. */
  /** @param {string} id */
  removePeer(id) {
    const peer = this._peers.get(id);
    if (!peer) return;
    this._leave(id, peer);
    this._peers.delete(id);
    for (const [askId, ask] of this._asks) if (ask.waiting.delete(id) && ask.waiting.size === 0) this._failAsk(askId, ask.errors.join('; ') || 'no tab supplied a token');
  }
  hasPeers() { return this._peers.size > 0; }

  /** Handles one message of a tab (see protocol.js). @param {string} id @param {TabMessage} msg */
  receive(id, msg) {
    const peer = this._peers.get(id);
    if (!peer || !msg || typeof msg !== 'object') return;
    switch (msg.k) {
      case 'hello': return this._hello(id, peer, msg);
      case 'sub': return void (peer.wants && this._hold(id, peer, { topic: msg.topic, seq: msg.seq, epoch: msg.epoch }));
      case 'unsub': return this._release(id, peer, msg.topic);
      case 'send': return void (this._conn && this._conn.send(msg.frame));
      case 'disconnect': return this._leave(id, peer);
      case 'visible': return void (peer.seen = msg.visible ? ++this._clock : 0);
      case 'token': return this._answer(id, msg);
      case 'bye': return this.removePeer(id);
      default: return undefined;
    }
  }

  /** What every tab mirrors: the state, stats and server info of the shared connection. */
  snapshot() {
    const c = this._conn;
    return c ? { status: c.getStatus(), stats: c.getStats(), info: c.getConnectionInfo() } : { status: 'disconnected', stats: null, info: null };
  }

  /**
   * Ends the hub connection (the holding tab is going), telling the tabs nothing: they stay as they are until the next
   * holder's state reaches them (connecting, then connected), and it recovers with `since`.
   */
  close() {
    for (const id of [...this._asks.keys()]) this._failAsk(id, 'the holder is going');
    this._peers.clear();
    if (this._statsTimer != null) this._timers.clearTimeout(this._statsTimer);
    if (this._conn) this._conn.disconnect();
  }

  /** @private @param {string} id @param {Peer} peer @param {TabMessage} msg */
  _hello(id, peer, msg) {
    const config = msg.config || {};
    peer.hasGetToken = !!config.hasGetToken;
    if (msg.visible) peer.seen = ++this._clock;
    if (!this._conn) this._conn = this._connection(config);
    if (!msg.connect) {
      peer.send({ k: 'snap', snap: this.snapshot() });
      return this._leave(id, peer);
    }
    peer.wants = true;
    if (peer.hasGetToken) { // a token request under way asks the newcomer too
      for (const [askId, ask] of this._asks) if (!ask.waiting.has(id)) { ask.waiting.add(id); peer.send({ k: 'token?', id: askId }); }
    }
    const wanted = new Set((msg.topics || []).map((/** @type {any} */ t) => t.topic));
    for (const topic of [...peer.topics.keys()]) if (!wanted.has(topic)) this._release(id, peer, topic);
    for (const t of msg.topics || []) this._hold(id, peer, t);
    this._conn.connect(); // first, so that the snapshot says connecting (or connected), never a passing disconnected
    peer.send({ k: 'snap', snap: this.snapshot() });
  }

  /** @private @param {any} config */
  _connection(config) {
    /** @type {any} */
    const hooks = { notifications: { show: (/** @type {string} */ message, /** @type {string} */ type, /** @type {any} */ opts) => this._toast(message, type, opts) } };
    if (this._localGetToken || config.hasGetToken) {
      hooks.getToken = () => (this._localGetToken ? Promise.resolve().then(this._localGetToken) : this._askToken());
    }
    const options = Object.assign({}, config);
    delete options.hasGetToken; // the hello's, not an option
    const conn = this._create(options, hooks);
    conn.onStateChange((/** @type {any} */ event) => this._broadcast({ k: 'state', event, snap: this.snapshot() }));
    conn.onError((/** @type {any} */ error) => this._broadcast({ k: 'error', error: portableError(error) }));
    return conn;
  }

  /** Adds a peer to a topic: the first one subscribes at the hub; one with an older seq makes it replay from there. */
  /** @private @param {string} id @param {Peer} peer @param {{ topic: string, seq?: any, epoch?: any }} position */
  _hold(id, peer, { topic, seq, epoch }) {
    if (typeof topic !== 'string' || !topic) return;
    const since = Number.isInteger(seq) && seq >= 0 ? seq : null;
    peer.topics.set(topic, { seq: since, epoch: epoch == null ? null : epoch });
    let held = this._topics.get(topic);
    if (!held) {
      this._topics.set(topic, (held = { peers: new Set([id]), handler: null, seq: null, epoch: null }));
      return this._subscribe(topic, held, since, epoch);
    }
    held.peers.add(id);
    const sameEpoch = epoch == null || held.epoch == null || epoch === held.epoch;
    if (topic !== '*' && since != null && sameEpoch && (held.seq == null || since < held.seq)) {
      this._conn.unsubscribe(topic, held.handler);
      this._subscribe(topic, held, since, epoch == null ? held.epoch : epoch);
    }
  }
  /** @private @param {string} topic @param {Held} held @param {number | null} since @param {any} epoch */
  _subscribe(topic, held, since, epoch) {
    held.seq = since;
    if (epoch != null) held.epoch = epoch;
    const handler = (held.handler = (/** @type {any} */ ev, /** @type {string} */ _topic, /** @type {any} */ meta) => {
      if (handler !== held.handler) return;
      if (ev && typeof ev.seq === 'number' && topic !== '*') held.seq = ev.seq;
      if (!ev && meta) held.seq = typeof meta.seq === 'number' ? meta.seq : null;
      if (meta && meta.epoch != null && topic !== '*') held.epoch = meta.epoch;
      for (const peerId of held.peers) {
        const peer = this._peers.get(peerId);
        if (peer) peer.send({ k: 'ev', via: topic, ev, meta });
      }
      this._freshStatsSoon();
    });
    const options = since == null ? {} : { since, epoch: epoch == null ? undefined : epoch };
    this._conn.subscribe(topic, handler, options);
  }
  /** @private @param {string} id @param {Peer} peer @param {string} topic */
  _release(id, peer, topic) {
    peer.topics.delete(topic);
    const held = this._topics.get(topic);
    if (!held || !held.peers.delete(id) || held.peers.size > 0) return;
    this._topics.delete(topic);
    this._conn.unsubscribe(topic, held.handler);
  }
  /** The peer no longer wants the connection (disconnect(), bye): its topics go; the last one out disconnects. */
  /** @private @param {string} id @param {Peer} peer */
  _leave(id, peer) {
    peer.wants = false;
    for (const topic of [...peer.topics.keys()]) this._release(id, peer, topic);
    if (this._conn && ![...this._peers.values()].some((p) => p.wants)) this._conn.disconnect();
  }

  /** After events, the counters of getStats() reach the tabs within STATS_PUSH_MS (not once per event). @private */
  _freshStatsSoon() {
    if (this._statsTimer != null) return;
    this._statsTimer = this._timers.setTimeout(() => {
      this._statsTimer = null;
      this._broadcast({ k: 'snap', snap: this.snapshot() });
    }, STATS_PUSH_MS);
  }

  /** @private @param {TabMessage} msg */
  _broadcast(msg) {
    for (const peer of this._peers.values()) if (peer.wants) peer.send(msg);
  }

  /** A toast of the shared connection goes to one tab: the one seen visible last, else the first that wants it. */
  /** @private @param {string} message @param {string} type @param {any} opts */
  _toast(message, type, opts) {
    /** @type {Peer | null} */
    let target = null;
    for (const peer of this._peers.values()) {
      if (!peer.wants) continue;
      if (!target || peer.seen > target.seen) target = peer;
    }
    if (target) target.send({ k: 'toast', kind: type, message, retry: !!(opts && opts.action) });
  }

  /** In the worker: asks every tab that has a getToken; the first token wins, and all of them failing fails. */
  /** @private @returns {Promise<any>} */
  _askToken() {
    return new Promise((resolve, reject) => {
      const waiting = new Set([...this._peers].filter(([, p]) => p.hasGetToken && p.wants).map(([id]) => id));
      if (!waiting.size) return reject(new Error('no tab can supply a token'));
      const id = this._nextAsk++;
      const timer = this._timers.setTimeout(() => this._failAsk(id, 'no tab answered the token request in time'), TOKEN_TIMEOUT_MS);
      this._asks.set(id, { resolve, reject, timer, waiting, errors: [] });
      for (const peerId of waiting) { const peer = this._peers.get(peerId); if (peer) peer.send({ k: 'token?', id }); }
    });
  }
  /** @private @param {string} peerId @param {TabMessage} msg */
  _answer(peerId, msg) {
    const ask = this._asks.get(msg.id);
    if (!ask || !ask.waiting.delete(peerId)) return;
    if (msg.error == null) {
      this._asks.delete(msg.id);
      this._timers.clearTimeout(ask.timer);
      return ask.resolve(msg.token);
    }
    ask.errors.push(String(msg.error));
    if (ask.waiting.size === 0) this._failAsk(msg.id, ask.errors.join('; '));
  }
  /** @private @param {number} id @param {string} message */
  _failAsk(id, message) {
    const ask = this._asks.get(id);
    if (!ask) return;
    this._asks.delete(id);
    this._timers.clearTimeout(ask.timer);
    ask.reject(new Error(message));
  }
}
