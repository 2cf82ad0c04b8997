// @ts-check
/** The types of the client's API (JSDoc only: this module has no code); index.js re-exports them. */

/**
 * Connection state; every change is emitted once, with the close code and reason that caused it.
 * @typedef {'connecting' | 'connected' | 'closing' | 'disconnected'} ConnectionStatus
 */

/**
 * What carries the connection: WebSocket first; Server-Sent Events (a stream plus command POSTs) when a WebSocket
 * cannot open, or opens and dies within fallbackWindowMs twice in a row. On SSE a WebSocket is tried again quietly
 * (after wsRetryMs, doubling up to wsRetryMaxMs) and takes over once it has stayed open fallbackWindowMs, recovering
 * every topic with `since`. Switching is no reconnect: the state stays 'connected'.
 * @typedef {'websocket' | 'sse'} Transport
 */

/**
 * A state change; onConnect and onDisconnect receive the change that entered 'connected' or 'disconnected'.
 * `code` is the WebSocket close code, or over SSE the code of the server's `disconnect` event (4009 for a local
 * heartbeat timeout; 1006 for a failed getToken, a broken SSE stream, a refused SSE ticket or an SSE session gone);
 * 0 on open.
 * @typedef {{ state: ConnectionStatus, previous: ConnectionStatus, code: number, reason: string }} StateChange
 */

/**
 * Reported through onError. `topic`: for 'subscription' (a refused subscribe) and 'handler' (a subscriber threw);
 * `code`: for 'forbidden' (4003); `frame`: the server frame, for 'server' and 'subscription'; `error`: the thrown
 * value, for 'handler', 'listener', 'token', 'socket' and 'parse'.
 * @typedef {{
 *   type: 'socket' | 'token' | 'parse' | 'server' | 'subscription' | 'handler' | 'listener' | 'buffer_overflow' | 'forbidden' | 'gave_up',
 *   message: string, topic?: string, code?: number, frame?: Record<string, unknown>, error?: unknown
 * }} ClientError
 */

/**
 * One event as the server sent it (a `batch` is unpacked into these).
 * @typedef {{ type: string, topic?: string, seq?: number, timestamp?: string, [field: string]: unknown }} HubEvent
 */

/**
 * Presence frames (issue 18), on a topic with `presence: true`: the reply to `send({action: 'presence', topic})`, and
 * with `join-leave: true` one `join`/`leave` per connection that subscribes or goes (`user_id` null when anonymous).
 * They reach the topic's handlers as events do, with `meta.seq` undefined: they carry no seq, so they never move the
 * topic's last seq, never count as duplicates and never trigger a recovery.
 * @typedef {{ type: 'presence', topic: string, connections: number, users: string[] }} PresenceFrame
 * @typedef {{ type: 'join' | 'leave', topic: string, user_id: string | null }} PresenceChangeFrame
 */

/**
 * The third argument of a handler for an event; `epoch` is the topic's epoch from the last `subscription` reply,
 * undefined for '*' handlers of topics not subscribed to.
 * @typedef {{ seq: number | undefined, epoch: string | null | undefined }} EventMeta
 */

/**
 * The third argument of the single call a handler gets when a recovery failed: the reply to a subscribe with `since`
 * said `"recovered":false` (history no longer reaches back, or the epoch changed). Events in between are lost; a page
 * should reload its state (e.g. GET /api/tasks) and go on from `seq`. `reason`: the server's if it sent one, else
 * 'epoch_changed' or 'history_unavailable'.
 * @typedef {{ recovered: false, reason: string, seq: number, epoch: string }} RecoveryFailedMeta
 */

/**
 * A subscriber. For every event: handler(event, topic, {seq, epoch}), each seq at most once and in increasing order
 * per topic. After a failed recovery, once: handler(null, topic, RecoveryFailedMeta) — so `data === null` (or
 * `meta.recovered === false`) tells the two apart. For '*' handlers topic is the event's topic (undefined for a frame
 * without one).
 * @typedef {(data: HubEvent | null, topic: string | undefined, meta: EventMeta | RecoveryFailedMeta) => void} Handler
 */

/**
 * Options of a subscribe. `since`: for a topic without handlers yet, the seq of a snapshot the page already holds, so
 * the subscribe frame asks for every event after it, none twice (0 replays what history holds; ignored for '*' and for
 * a topic that already has handlers). `epoch`: the epoch that `since` belongs to. `onRecoveryFailed`: called once per
 * failed recovery of the topic, besides the handler's own (null, topic, meta) call. `filter`: deliver only events whose
 * named top-level fields each equal one of the listed values (at most 8 fields x 32 JSON scalars), chosen by the hub,
 * so the others never cross the network; one filter per topic (a second handler must pass the same one). Seqs of a
 * filtered topic have holes (the events filtered out): that is not a gap, only a `gap` frame is. Needs a connection
 * of its own (`shared: false`).
 * @typedef {{ since?: number, epoch?: string, filter?: SubscribeFilter, onRecoveryFailed?: (info: RecoveryFailedMeta & { topic: string }) => void }} SubscribeOptions
 */

/**
 * A subscription filter: top-level event field -> the values it may have.
 * @typedef {Record<string, Array<string | number | boolean | null>>} SubscribeFilter
 */

/** @typedef {'success' | 'error' | 'warning' | 'info'} ToastType */
/** @typedef {{ label: string, onClick: () => void }} ToastAction */

/**
 * The page's toaster (window.notificationManager); a minimal default is used in a browser page without one. With an
 * action (the "Retry" after giving up), show() gets {action: {label, onClick}, duration: 0}.
 * @typedef {{
 *   show?(message: string, type: ToastType, options?: { action?: ToastAction, duration?: number }): void,
 *   success?(message: string): void, error?(message: string): void,
 *   warning?(message: string): void, info?(message: string): void
 * }} NotificationManager
 */

/**
 * @typedef {{
 *   setTimeout(fn: () => void, ms: number): unknown, clearTimeout(id: unknown): void,
 *   setInterval(fn: () => void, ms: number): unknown, clearInterval(id: unknown): void
 * }} Timers
 */

/**
 * A connection with a WebSocket's face: a browser WebSocket, the `ws` package's, or the SSE transport. The client
 * sets the four handlers and reads `data` of a message event, `code` and `reason` of a close event; the events are
 * typed `any` so that every WebSocket class (each with its own event types) fits.
 * @typedef {{
 *   onopen: ((event: any) => void) | null,
 *   onmessage: ((event: any) => void) | null,
 *   onclose: ((event: any) => void) | null,
 *   onerror: ((event: any) => void) | null,
 *   send(data: string): void,
 *   close(code?: number, reason?: string): void
 * }} WebSocketLike
 */

/** @typedef {new (url: string) => WebSocketLike} WebSocketClass */

/**
 * The part of the browser's EventSource the SSE transport uses; it is closed on its first error, never left to retry.
 * @typedef {{
 *   onopen: ((event: any) => void) | null,
 *   onmessage: ((event: { data: any }) => void) | null,
 *   onerror: ((event: any) => void) | null,
 *   close(): void
 * }} EventSourceLike
 */

/** @typedef {new (url: string) => EventSourceLike} EventSourceClass */

/**
 * The part of the browser's fetch the SSE transport uses (command POSTs and the ticket request).
 * @typedef {(url: string, init: { method: string, headers: Record<string, string>, body?: string, credentials?: string })
 *   => Promise<{ ok: boolean, status: number, json(): Promise<any> }>} FetchLike
 */

/**
 * @typedef {{
 *   addEventListener(type: string, listener: (event: any) => void): void,
 *   removeEventListener(type: string, listener: (event: any) => void): void
 * }} EventTargetLike
 */

/**
 * The options of `new WebSocketManager(options)`; every one is optional.
 * @typedef {Object} WebSocketManagerOptions
 * @property {string} [url] Default: ws: or wss: after location.protocol, location.host, path /api/ws/realtime.
 * @property {string | null} [token] Sent as the `token` query parameter of a WebSocket; over SSE it gets a one-time
 *   ticket (POST /api/sse/ticket with `Authorization: Bearer <token>`), and the stream is opened with `?ticket=`.
 * @property {() => (string | null | undefined | Promise<string | null | undefined>)} [getToken] Called before every
 *   connect and reconnect (and at once after a 4001 close); its result is the token (see `token`).
 * @property {WebSocketClass} [WebSocket] Default: the global WebSocket (Node 20 has none: pass the `ws` package's).
 * @property {EventSourceClass | null} [EventSource] Default: the global EventSource. null, or no EventSource or fetch
 *   at all: no SSE fallback, WebSocket only.
 * @property {FetchLike} [fetch] Default: the global fetch; sends SSE commands and ticket requests.
 * @property {string} [sseUrl] The SSE stream; default: `url` with http(s) for ws(s) and /api/sse/realtime for
 *   /api/ws/realtime. Commands go to `<sseUrl>/<session>`, ticket requests to its sibling `ticket` (/api/sse/ticket).
 * @property {number} [fallbackWindowMs] A WebSocket that dies this soon after opening, twice in a row, sends the
 *   client to SSE; a WebSocket tried again from SSE must stay open this long to take over.
 * @property {number} [wsRetryMs] On SSE, the first quiet WebSocket retry after this long; each failed retry doubles it.
 * @property {number} [wsRetryMaxMs] The longest wait between WebSocket retries on SSE.
 * @property {Timers} [timers] Default: the global timer functions.
 * @property {() => number} [random] Default: Math.random; used for the backoff jitter and the 1001 drain delay.
 * @property {() => number} [now] Default: Date.now; stamps lastConnectedAt and lastDisconnectedAt.
 * @property {number} [reconnectBaseMs] The backoff's first ceiling.
 * @property {number} [reconnectMaxMs] The backoff's largest ceiling.
 * @property {number} [maxReconnectAttempts] Reconnect attempts before giving up (then a retry toast, and a retry on
 *   'online' or the tab becoming visible).
 * @property {number} [heartbeatIntervalMs] A {"action":"ping"} every this many ms while connected.
 * @property {number} [heartbeatTimeoutMs] No inbound frame this long after a ping: the socket is closed locally
 *   (4009) and reconnected with backoff.
 * @property {number} [maxBufferedMessages] Offline buffer size; past it the oldest frames are dropped.
 * @property {number} [drainDelayMaxMs] Upper bound of the random delay before reconnecting after 1001.
 * @property {NotificationManager | null} [notifications] Default: window.notificationManager, else a minimal
 *   built-in toaster when there is a document.
 * @property {EventTargetLike | null} [window] Target of the 'online' event; default: the global window.
 * @property {(EventTargetLike & { visibilityState?: string, body?: any, createElement?: any }) | null} [document]
 *   Target of 'visibilitychange' (with visibilityState); default: the global document.
 * @property {{ protocol: string, host: string }} [location] Used for the default url when there is no global location.
 * @property {boolean} [lazy] Connect on the first subscribe() (as window.wsManager does) instead of waiting for connect().
 * @property {boolean} [shared] false: this manager keeps a connection of its own instead of sharing one with the other
 *   tabs of the origin (a SharedWorker, else the tab holding a Web Lock, holds the shared one). Default: shared in a page.
 * @property {string | null} [workerUrl] The SharedWorker script on the page's origin; default /js/ws-shared-worker.js
 *   (the client adds ?v=<build>); null: share through Web Locks only.
 */

/**
 * From the server's `connected` frame.
 * @typedef {{ clientId: string, node: string, availableTopics: string[], protocol: number }} ConnectionInfo
 */

/**
 * The client's counters. messagesReceived/messagesSent: frames of every kind (pings and subscribes included);
 * reconnectCount: successful connections after the first; transport: of the current connection, while not connected
 * of the next attempt; subscribedTopics: topics the server is asked for ('*' excluded); reconnectAttempts: since the
 * last successful connection; recoveries: replies with "recovered":true; gaps: `gap` frames received;
 * droppedBuffered: frames dropped from the full offline buffer; duplicatesDropped: events dropped because their seq
 * was already seen (or is being replayed). With a shared connection (every tab's stats describe it): shared is
 * 'worker' or 'locks', holder whether this tab holds it; subscribedTopics and bufferedMessages are this tab's.
 * @typedef {{
 *   messagesReceived: number, messagesSent: number, reconnectCount: number,
 *   lastConnectedAt: Date | null, lastDisconnectedAt: Date | null,
 *   status: ConnectionStatus, transport: Transport, subscribedTopics: string[], bufferedMessages: number,
 *   reconnectAttempts: number, recoveries: number, gaps: number, droppedBuffered: number, duplicatesDropped: number,
 *   clientId: string | null, node: string | null, availableTopics: string[],
 *   shared?: 'worker' | 'locks', holder?: boolean
 * }} ClientStats
 */

export {};
