// @ts-check
/** The manager's timers by name (reconnect, ping, pong, probe, probation): arming a name again replaces its timer. */
export class NamedTimers {
  /** @param {import('./types.js').Timers} timers called as methods of their object, so globalThis works as is */
  constructor(timers) {
    this._timers = timers;
    /** @type {Record<string, { id?: unknown, repeat: boolean }>} */
    this._handles = {};
  }

  /**
   * Runs `fn` after `ms` (every `ms` with `repeat`), replacing the timer of that name.
   * @param {string} name
   * @param {number} ms
   * @param {() => void} fn
   * @param {boolean} [repeat]
   */
  arm(name, ms, fn, repeat = false) {
    this.disarm(name);
    const timers = this._timers;
    /** @type {{ id?: unknown, repeat: boolean }} */
    const handle = { repeat };
    handle.id = repeat ? timers.setInterval(fn, ms)
      : timers.setTimeout(() => { if (this._handles[name] === handle) delete this._handles[name]; fn(); }, ms);
    this._handles[name] = handle;
  }

  /** @param {string} name */
  disarm(name) {
    const handle = this._handles[name];
    delete this._handles[name];
    if (handle) {
      if (handle.repeat) this._timers.clearInterval(handle.id);
      else this._timers.clearTimeout(handle.id);
    }
  }

  /**
   * @param {string} name
   * @returns {boolean} whether the timer of that name is pending
   */
  has(name) { return !!this._handles[name]; }
}
