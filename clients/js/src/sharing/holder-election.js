// @ts-check
/**
 * Web Locks elect the tab that holds the shared connection: every tab asks for the same named lock, the browser grants
 * it to one at a time, and hands it to the next waiting tab as soon as the holder releases it or goes (a closed or
 * crashed tab loses its locks). Each tab also holds a lock of its own for its whole life, so that the holder learns
 * of a tab that went without a word: asking for that lock is granted only once the tab is gone.
 */

/**
 * Waits for the holder lock `name`; `onElected` runs when this tab gets it, and the tab keeps it until resign().
 * @param {any} locks a LockManager (navigator.locks)
 * @param {string} name
 * @param {() => void} onElected
 */
export function electHolder(locks, name, onElected) {
  /** @type {(() => void) | null} */
  let release = null;
  let resigned = false;
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const options = controller ? { signal: controller.signal } : {};
  locks.request(name, options, () => {
    if (resigned) return undefined;
    onElected();
    return new Promise((resolve) => { release = () => resolve(undefined); });
  }).catch(() => { /* AbortError after resign() while waiting */ });
  return {
    /** Gives the lock up (this tab is going), or stops waiting for it. */
    resign() {
      resigned = true;
      if (release) release();
      else if (controller) controller.abort();
    },
  };
}

/**
 * Holds the tab's own lock `name` until release(); `onHeld` runs once it is held, which is before anyone may watch it.
 * @param {any} locks
 * @param {string} name
 * @param {() => void} onHeld
 */
export function holdTabLock(locks, name, onHeld) {
  /** @type {(() => void) | null} */
  let release = null;
  locks.request(name, () => {
    onHeld();
    return new Promise((resolve) => { release = () => resolve(undefined); });
  }).catch(() => { /* never aborted */ });
  return { release() { if (release) release(); } };
}

/**
 * Calls `onGone` once the tab holding `name` has released it, or has been closed.
 * @param {any} locks
 * @param {string} name
 * @param {() => void} onGone
 */
export function watchTab(locks, name, onGone) {
  locks.request(name, () => { onGone(); }).catch(() => { /* never aborted */ });
}
