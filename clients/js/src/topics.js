// @ts-check
/**
 * @typedef {import('./types.js').Handler} Handler
 * @typedef {import('./types.js').SubscribeOptions} SubscribeOptions
 * @typedef {import('./types.js').SubscribeFilter} SubscribeFilter
 * @typedef {{ handlers: Map<Handler, SubscribeOptions>, seq: number | null, epoch: string | null, recovering: boolean, filter: SubscribeFilter | null }} Topic
 * @typedef {{ recoveries: number, gaps: number, duplicatesDropped: number }} TopicCounters
 * @typedef {{
 *   isConnected(): boolean,
 *   write(frame: string): void,
 *   listeners: import('./listeners.js').Listeners,
 *   stats: TopicCounters
 * }} TopicHost
 */

/**
 * The topics a manager subscribes to and the routing of their events: per topic the handlers, the last seq and epoch
 * (for recovery with `since`), and whether a recovery is in flight. Events are deduplicated by seq, so each reaches
 * a handler at most once and in order; '*' handlers see every event after the topic's own.
 */
export class Topics {
  /** @param {TopicHost} host the connection: whether it is open, how to write a frame, whom to tell */
  constructor(host) {
    this._host = host;
    /** @type {Map<string, Topic>} */
    this._topics = new Map();
  }

  /** @returns {string[]} the topics the server is asked for ('*' excluded) */
  names() { return [...this._topics.keys()].filter((topic) => topic !== '*'); }

  /**
   * Adds a handler; a new topic is subscribed at once when connected (with since/epoch from its options).
   * @param {string} topic
   * @param {Handler} handler
   * @param {SubscribeOptions} [options]
   */
  add(topic, handler, options = {}) {
    let t = this._topics.get(topic);
    const o = options || {}, filter = topic !== '*' && o.filter != null ? o.filter : null;
    if (t && JSON.stringify(filter) !== JSON.stringify(t.filter)) {
      // the hub holds one filter per topic and connection: a second one would silently change the first handler's events
      throw new TypeError(`subscribe: ${topic} is already subscribed with ${t.filter ? 'another filter' : 'no filter'}`);
    }
    if (!t) {
      const since = topic !== '*' && Number.isInteger(o.since) && /** @type {number} */ (o.since) >= 0 ? /** @type {number} */ (o.since) : null;
      this._topics.set(topic, (t = { handlers: new Map(), seq: since, epoch: since == null ? null : o.epoch || null, recovering: false, filter }));
      if (topic !== '*' && this._host.isConnected()) this.sendSubscribe(topic, t);
    }
    t.handlers.set(handler, options || {});
  }

  /**
   * Removes one handler, or all of the topic without `handler`; the server hears of it when none remains.
   * @param {string} topic
   * @param {Handler} [handler]
   * @returns {boolean} whether a handler was removed
   */
  remove(topic, handler) {
    const t = this._topics.get(topic);
    if (!t) return false;
    const removed = handler ? t.handlers.delete(handler) : t.handlers.size > 0;
    if (!handler) t.handlers.clear();
    if (t.handlers.size > 0) return removed;
    this._topics.delete(topic); // its seq goes too: a later subscribe starts afresh
    if (topic !== '*' && this._host.isConnected()) this._host.write(JSON.stringify({ action: 'unsubscribe', topic }));
    return removed;
  }

  /** Subscribes every topic again (with since once a seq is known): on open and on a switch of transport. */
  subscribeAll() {
    for (const [topic, t] of this._topics) if (topic !== '*') this.sendSubscribe(topic, t);
  }

  /** The connection closed: no reply to a subscribe in flight will come. */
  endRecoveries() {
    for (const t of this._topics.values()) t.recovering = false;
  }

  /**
   * Sends a subscribe, with since/epoch once a seq is known; the topic then recovers until the reply.
   * @param {string} topic
   * @param {Topic} t
   */
  sendSubscribe(topic, t) {
    /** @type {{ action: string, topic: string, since?: number, epoch?: string, filter?: SubscribeFilter }} */
    const frame = { action: 'subscribe', topic };
    // the filter goes with every subscribe, recoveries included: the hub replays only matching events
    if (t.filter) frame.filter = t.filter;
    if (t.seq != null) {
      Object.assign(frame, { since: t.seq }, t.epoch != null ? { epoch: t.epoch } : {});
      t.recovering = true;
    }
    this._host.write(JSON.stringify(frame));
  }

  /** @param {any} msg a `subscription` reply */
  onSubscription(msg) {
    const { listeners, stats } = this._host;
    const t = msg.topic === '*' ? undefined : this._topics.get(msg.topic);
    if (msg.success === false) {
      if (t) t.recovering = false;
      return listeners.emit('error', { type: 'subscription', topic: msg.topic, message: msg.error || 'subscription refused', frame: msg });
    }
    if (!t) return; // unsubscribed meanwhile
    const epochChanged = t.epoch != null && msg.epoch != null && msg.epoch !== t.epoch;
    t.recovering = false;
    if (msg.recovered === true) stats.recoveries++;
    // After recovered:true the replay (seq > since) follows, so lastSeq stays at since.
    if (t.seq == null || epochChanged || msg.recovered === false) t.seq = typeof msg.seq === 'number' ? msg.seq : null;
    if (msg.epoch != null) t.epoch = msg.epoch;
    if (msg.recovered !== false) return;
    const meta = { recovered: false, reason: msg.reason || (epochChanged ? 'epoch_changed' : 'history_unavailable'),
      seq: msg.seq, epoch: msg.epoch };
    for (const [handler, options] of [...t.handlers]) {
      listeners.call(handler, [null, msg.topic, meta], msg.topic);
      if (typeof options.onRecoveryFailed === 'function') listeners.call(options.onRecoveryFailed, [{ topic: msg.topic, ...meta }], msg.topic);
    }
  }

  /** @param {any} msg a `gap` frame: events were dropped; the topic recovers with since */
  onGap(msg) {
    this._host.stats.gaps++;
    const t = msg.topic === '*' ? undefined : this._topics.get(msg.topic);
    if (!t || !this._host.isConnected()) return;
    // An event past the gap may already have moved lastSeq: recover from just before the gap.
    if (typeof msg.from === 'number' && (t.seq == null || msg.from - 1 < t.seq)) t.seq = msg.from - 1;
    this.sendSubscribe(msg.topic, t);
  }

  /**
   * Dedupe, then dispatch: per topic seq only grows; '*' handlers see every event after the topic's own.
   * @param {any} ev
   */
  onEvent(ev) {
    const topic = ev.topic, t = topic == null || topic === '*' ? undefined : this._topics.get(topic);
    if (t && typeof ev.seq === 'number') {
      // While a subscribe with `since` is in flight, live events are dropped: the replay (seq > since) re-sends them.
      if (t.recovering || (t.seq != null && ev.seq <= t.seq)) return void this._host.stats.duplicatesDropped++;
      t.seq = ev.seq;
    }
    const meta = { seq: ev.seq, epoch: t ? t.epoch : undefined }, wildcard = this._topics.get('*');
    const handlers = [...(t ? t.handlers.keys() : []), ...(wildcard ? wildcard.handlers.keys() : [])];
    for (const handler of handlers) this._host.listeners.call(handler, [ev, topic, meta], topic);
  }
}
