// @ts-check
/**
 * The connection's heartbeat: a ping every intervalMs while connected; no inbound frame of any kind within timeoutMs of
 * a ping means the connection is dead. Invariant: the 'pong' timer runs only between a ping and the next inbound frame.
 */
export class Heartbeat {
  /**
   * @param {import('./named-timers.js').NamedTimers} timers its timers are 'ping' and 'pong'
   * @param {{ heartbeatIntervalMs: number, heartbeatTimeoutMs: number }} options
   * @param {() => void} ping sends a ping
   * @param {() => void} dead called when a ping went unanswered
   */
  constructor(timers, options, ping, dead) {
    this._timers = timers;
    this._options = options;
    this._ping = ping;
    this._dead = dead;
  }

  start() {
    this._timers.arm('ping', this._options.heartbeatIntervalMs, () => {
      this._ping();
      if (!this._timers.has('pong')) this._timers.arm('pong', this._options.heartbeatTimeoutMs, () => this._dead());
    }, true);
  }

  stop() { this._timers.disarm('ping'); this._timers.disarm('pong'); }

  /** A frame arrived: the connection is alive. */
  heard() { this._timers.disarm('pong'); }
}
