// @ts-check
/**
 * The entry of the classic script /js/ws-manager.js (built from this module graph into one IIFE): sets
 * window.WebSocketManager and a lazy window.wsManager synchronously, for pages that load it with a plain script tag.
 */
import { WebSocketManager } from './manager.js';

const page = /** @type {any} */ (globalThis).window;
if (page) {
  page.WebSocketManager = WebSocketManager;
  // The shared instance connects on its first subscribe() or connect(), never at load.
  if (!page.wsManager) page.wsManager = new WebSocketManager({ lazy: true });
}
