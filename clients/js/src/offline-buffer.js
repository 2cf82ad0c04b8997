// @ts-check
/** The frames sent while not connected, oldest first, flushed on the next open; past its size the oldest are dropped. */
export class OfflineBuffer {
  /** @param {number} max frames kept at most */
  constructor(max) {
    this._max = max;
    /** @type {string[]} */
    this._frames = [];
    this._overflowing = false; // it overflowed since its last drain (reported once)
  }

  /** @returns {number} the frames kept */
  get size() { return this._frames.length; }

  /**
   * Keeps a frame, dropping the oldest past the size.
   * @param {string} frame
   * @returns {'kept' | 'dropped' | 'overflow'} 'overflow': the oldest was dropped, the first time since the last drain
   */
  add(frame) {
    if (this._frames.push(frame) <= this._max) return 'kept';
    this._frames.shift();
    if (this._overflowing) return 'dropped';
    this._overflowing = true;
    return 'overflow';
  }

  /** @returns {string[]} every frame kept, oldest first; the buffer is empty afterwards */
  drain() {
    this._overflowing = false;
    return this._frames.splice(0);
  }
}
