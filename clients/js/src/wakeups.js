// @ts-check
/**
 * After giving up: a retry when the browser goes online or the tab becomes visible again, each armed until the
 * next connect() (or the next give-up) removes them.
 */
export class Wakeups {
  constructor() {
    /** @type {(() => void)[]} removers of the listeners armed */
    this._removers = [];
  }

  /**
   * @param {any} win the target of 'online'
   * @param {any} doc the target of 'visibilitychange', with visibilityState
   * @param {() => void} retry
   */
  arm(win, doc, retry) {
    this.cancel();
    this._listen(win, 'online', retry);
    this._listen(doc, 'visibilitychange', () => { if (doc && doc.visibilityState === 'visible') retry(); });
  }

  /** Removes every listener armed. */
  cancel() { for (const remove of this._removers.splice(0)) remove(); }

  /** @param {any} target @param {string} type @param {() => void} fn */
  _listen(target, type, fn) {
    if (!target || typeof target.addEventListener !== 'function') return;
    target.addEventListener(type, fn);
    this._removers.push(() => target.removeEventListener(type, fn));
  }
}
