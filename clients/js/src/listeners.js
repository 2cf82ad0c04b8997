// @ts-check
import { errorMessage } from './errors.js';

/** @typedef {import('./types.js').StateChange} StateChange */
/** @typedef {import('./types.js').ClientError} ClientError */
/** @typedef {{ state: StateChange, connect: StateChange, disconnect: StateChange, error: ClientError }} EventMap */

/** The manager's listeners (state, connect, disconnect, error) and the calls of subscribers: one that throws never stops the others. */
export class Listeners {
  constructor() {
    /** @type {{ [K in keyof EventMap]: Set<(event: EventMap[K]) => void> }} */
    this._sets = { state: new Set(), connect: new Set(), disconnect: new Set(), error: new Set() };
  }

  /**
   * @template {keyof EventMap} K
   * @param {K} kind
   * @param {(event: EventMap[K]) => void} cb
   * @returns {() => boolean} removes the listener
   */
  on(kind, cb) {
    if (typeof cb !== 'function') throw new TypeError('listener must be a function');
    const set = /** @type {Set<(event: EventMap[K]) => void>} */ (this._sets[kind]);
    set.add(cb);
    return () => set.delete(cb);
  }

  /**
   * Calls every listener of `kind`; one that throws is logged and reported as an error (except by error listeners).
   * @template {keyof EventMap} K
   * @param {K} kind
   * @param {EventMap[K]} event
   */
  emit(kind, event) {
    for (const cb of [...(/** @type {Set<(event: EventMap[K]) => void>} */ (this._sets[kind]))]) {
      try { cb(event); } catch (error) {
        console.error('[wsManager] ' + kind + ' listener failed', error);
        if (kind !== 'error') this.emit('error', { type: 'listener', message: errorMessage(error), error });
      }
    }
  }

  /**
   * Calls a subscriber; its exception is reported and never stops the other handlers.
   * @param {Function} fn
   * @param {unknown[]} args
   * @param {string | undefined} topic
   */
  call(fn, args, topic) {
    try { fn(...args); } catch (error) {
      console.error('[wsManager] handler for "' + topic + '" failed', error);
      this.emit('error', { type: 'handler', topic, message: errorMessage(error), error });
    }
  }
}
