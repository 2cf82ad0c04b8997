// @ts-check
/** The package entry of realtime-hub-client: the manager, its building blocks and its types, as named exports. */
export { WebSocketManager } from './manager.js';
export { SseTransport } from './sse-transport.js';
export { backoffDelay } from './backoff.js';
export { CLOSE_CODES, closePolicy } from './close-codes.js';
export { STATES, DEFAULTS } from './options.js';

/**
 * @typedef {import('./types.js').ConnectionStatus} ConnectionStatus
 * @typedef {import('./types.js').Transport} Transport
 * @typedef {import('./close-codes.js').ReconnectPolicy} ReconnectPolicy
 * @typedef {import('./types.js').StateChange} StateChange
 * @typedef {import('./types.js').ClientError} ClientError
 * @typedef {import('./types.js').HubEvent} HubEvent
 * @typedef {import('./types.js').PresenceFrame} PresenceFrame
 * @typedef {import('./types.js').PresenceChangeFrame} PresenceChangeFrame
 * @typedef {import('./types.js').EventMeta} EventMeta
 * @typedef {import('./types.js').RecoveryFailedMeta} RecoveryFailedMeta
 * @typedef {import('./types.js').Handler} Handler
 * @typedef {import('./types.js').SubscribeOptions} SubscribeOptions
 * @typedef {import('./types.js').NotificationManager} NotificationManager
 * @typedef {import('./types.js').Timers} Timers
 * @typedef {import('./types.js').WebSocketLike} WebSocketLike
 * @typedef {import('./types.js').EventSourceLike} EventSourceLike
 * @typedef {import('./types.js').FetchLike} FetchLike
 * @typedef {import('./types.js').EventTargetLike} EventTargetLike
 * @typedef {import('./types.js').WebSocketManagerOptions} WebSocketManagerOptions
 * @typedef {import('./types.js').ConnectionInfo} ConnectionInfo
 * @typedef {import('./types.js').ClientStats} ClientStats
 */
