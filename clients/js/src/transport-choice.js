// @ts-check
/**
 * The transport of the next attempt: the other one after a transport that could not open; SSE after a WebSocket that
 * opened and died within fallbackWindowMs twice in a row (a proxy that cuts upgraded connections); WebSocket only
 * when there is no SSE.
 */
export class TransportChoice {
  constructor() {
    /** @type {import('./types.js').Transport} the kind of the current connection, else of the next attempt */
    this.kind = 'websocket';
    this._quickDeaths = 0; // WebSocket connections in a row that died within fallbackWindowMs of opening
  }

  /**
   * A connection attempt ended.
   * @param {boolean} sseAvailable
   * @param {boolean} wasConnected it had opened
   * @param {boolean} quick it died within fallbackWindowMs of opening
   */
  afterClose(sseAvailable, wasConnected, quick) {
    if (!sseAvailable) return void (this.kind = 'websocket');
    if (!wasConnected) {
      this._quickDeaths = 0;
      this.kind = this.kind === 'websocket' ? 'sse' : 'websocket';
    } else if (this.kind === 'websocket') {
      this._quickDeaths = quick ? this._quickDeaths + 1 : 0;
      if (this._quickDeaths >= 2) [this.kind, this._quickDeaths] = ['sse', 0];
    }
  }

  /** A WebSocket tried from SSE took over. */
  switchedToWebSocket() {
    [this.kind, this._quickDeaths] = ['websocket', 0];
  }
}
