// Type declarations for ws-manager.js, the realtime-hub browser client (wire protocol v1).
// The script sets window.WebSocketManager and window.wsManager in a page; under CommonJS it exports the names below.

/** Connection state; every change is emitted once, with the close code and reason that caused it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'closing' | 'disconnected';

/**
 * What carries the connection: WebSocket first; Server-Sent Events (a stream plus command POSTs) when a WebSocket
 * cannot open, or opens and dies within fallbackWindowMs twice in a row. On SSE a WebSocket is tried again quietly
 * (after wsRetryMs, doubling up to wsRetryMaxMs) and takes over once it has stayed open fallbackWindowMs, recovering
 * every topic with `since`. Switching is no reconnect: the state stays 'connected'.
 */
export type Transport = 'websocket' | 'sse';

/** What the client does after a close: nothing, reconnect at once, after a random drain delay, or with backoff. */
export type ReconnectPolicy = 'none' | 'now' | 'drain' | 'backoff';

/** The hub's close codes (docs/API.md "Close codes"); a code not listed reconnects with backoff. */
export declare const CLOSE_CODES: Readonly<{
  1000: { readonly name: 'normal'; readonly reconnect: 'backoff' };
  1001: { readonly name: 'going_away'; readonly reconnect: 'drain' };
  1008: { readonly name: 'policy_violation'; readonly reconnect: 'backoff' };
  1009: { readonly name: 'too_big'; readonly reconnect: 'backoff' };
  1011: { readonly name: 'internal_error'; readonly reconnect: 'backoff' };
  4001: { readonly name: 'token_expired'; readonly reconnect: 'now' };
  4003: { readonly name: 'forbidden'; readonly reconnect: 'none' };
  4008: { readonly name: 'slow_consumer'; readonly reconnect: 'now' };
  4009: { readonly name: 'heartbeat_timeout'; readonly reconnect: 'backoff' };
}>;

export declare const STATES: readonly ConnectionStatus[];

export declare const DEFAULTS: Readonly<{
  reconnectBaseMs: 1000; reconnectMaxMs: 30000; maxReconnectAttempts: 10;
  heartbeatIntervalMs: 30000; heartbeatTimeoutMs: 10000; maxBufferedMessages: 100; drainDelayMaxMs: 5000;
  fallbackWindowMs: 5000; wsRetryMs: 60000; wsRetryMaxMs: 600000;
}>;

/** The reconnect policy of a close code. */
export declare function closePolicy(code: number): ReconnectPolicy;

/** Full-jitter backoff: random() * min(maxMs, baseMs * 2^attempt); attempt counts from 0 (defaults 1000, 30000, Math.random). */
export declare function backoffDelay(attempt: number, baseMs?: number, maxMs?: number, random?: () => number): number;

/** A state change; onConnect and onDisconnect receive the change that entered 'connected' or 'disconnected'. */
export interface StateChange {
  state: ConnectionStatus;
  previous: ConnectionStatus;
  /**
   * The WebSocket close code, or over SSE the code of the server's `disconnect` event (4009 for a local heartbeat
   * timeout; 1006 for a failed getToken, a broken SSE stream, a refused SSE ticket or an SSE session gone); 0 on open.
   */
  code: number;
  reason: string;
}

/** Reported through onError. */
export interface ClientError {
  type: 'socket' | 'token' | 'parse' | 'server' | 'subscription' | 'handler' | 'listener' | 'buffer_overflow' | 'forbidden' | 'gave_up';
  message: string;
  /** The topic, for 'subscription' (a refused subscribe) and 'handler' (a subscriber threw). */
  topic?: string;
  /** The close code, for 'forbidden' (4003). */
  code?: number;
  /** The server frame, for 'server' and 'subscription'. */
  frame?: Record<string, unknown>;
  /** The thrown value, for 'handler', 'listener', 'token', 'socket' and 'parse'. */
  error?: unknown;
}

/** One event as the server sent it (a `batch` is unpacked into these). */
export interface HubEvent {
  type: string;
  topic?: string;
  seq?: number;
  timestamp?: string;
  [field: string]: unknown;
}

/** The third argument of a handler for an event. */
export interface EventMeta {
  seq: number | undefined;
  /** The topic's epoch from the last `subscription` reply; undefined for '*' handlers of topics not subscribed to. */
  epoch: string | null | undefined;
}

/**
 * The third argument of the single call a handler gets when a recovery failed: the reply to a subscribe with
 * `since` said `"recovered":false` (history no longer reaches back, or the epoch changed). Events in between
 * are lost; a page should reload its state (e.g. GET /api/tasks) and go on from `seq`.
 */
export interface RecoveryFailedMeta {
  recovered: false;
  /** The server's `reason` if it sent one, else 'epoch_changed' or 'history_unavailable'. */
  reason: string;
  /** The topic's last seq according to the server; live events go on after it. */
  seq: number;
  epoch: string;
}

/**
 * A subscriber. For every event: handler(event, topic, {seq, epoch}), each seq at most once and in increasing
 * order per topic. After a failed recovery, once: handler(null, topic, RecoveryFailedMeta) — so `data === null`
 * (or `meta.recovered === false`) tells the two apart. For '*' handlers topic is the event's topic (undefined
 * for a frame without one).
 */
export type Handler = (data: HubEvent | null, topic: string | undefined, meta: EventMeta | RecoveryFailedMeta) => void;

export interface SubscribeOptions {
  /**
   * For a topic without handlers yet: the seq of a snapshot the page already holds (e.g. GET /api/tasks), so the
   * subscribe frame asks for every event after it (`since`), none twice. 0 replays what history holds. Ignored for '*'
   * and for a topic that already has handlers.
   */
  since?: number;
  /** The epoch that `since` belongs to; a different current epoch makes the recovery fail (handler(null, …)). */
  epoch?: string;
  /** Called once per failed recovery of the topic, besides the handler's own (null, topic, meta) call. */
  onRecoveryFailed?: (info: RecoveryFailedMeta & { topic: string }) => void;
}

/** The page's toaster (window.notificationManager); a minimal default is used in a browser page without one. */
export interface NotificationManager {
  /** With an action (the "Retry" after giving up), options is {action: {label, onClick}, duration: 0}. */
  show?(message: string, type: 'success' | 'error' | 'warning' | 'info', options?: { action?: { label: string; onClick: () => void }; duration?: number }): void;
  success?(message: string): void;
  error?(message: string): void;
  warning?(message: string): void;
  info?(message: string): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The part of the browser's EventSource the SSE transport uses; it is closed on its first error, never left to retry. */
export interface EventSourceLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

/** The part of the browser's fetch the SSE transport uses (command POSTs and the ticket request). */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; credentials?: string })
  => Promise<{ ok: boolean; status: number; json(): Promise<any> }>;

export interface EventTargetLike {
  addEventListener(type: string, listener: (event: unknown) => void): void;
  removeEventListener(type: string, listener: (event: unknown) => void): void;
}

export interface WebSocketManagerOptions {
  /** Default: ws: or wss: after location.protocol, location.host, path /api/ws/realtime. */
  url?: string;
  /**
   * Sent as the `token` query parameter of a WebSocket; over SSE it gets a one-time ticket (POST /api/sse/ticket with
   * `Authorization: Bearer <token>`), and the stream is opened with `?ticket=`.
   */
  token?: string;
  /** Called before every connect and reconnect (and at once after a 4001 close); its result is the token (see `token`). */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Default: the global WebSocket. */
  WebSocket?: new (url: string) => WebSocketLike;
  /** Default: the global EventSource. null, or no EventSource or fetch at all: no SSE fallback, WebSocket only. */
  EventSource?: (new (url: string) => EventSourceLike) | null;
  /** Default: the global fetch; sends SSE commands and ticket requests. */
  fetch?: FetchLike;
  /**
   * The SSE stream; default: `url` with http(s) for ws(s) and /api/sse/realtime for /api/ws/realtime. Commands go to
   * `<sseUrl>/<session>`, ticket requests to its sibling `ticket` (/api/sse/ticket).
   */
  sseUrl?: string;
  /** A WebSocket that dies this soon after opening, twice in a row, sends the client to SSE; a WebSocket tried again from SSE must stay open this long to take over. */
  fallbackWindowMs?: number;
  /** On SSE, the first quiet WebSocket retry after this long; each failed retry doubles it. */
  wsRetryMs?: number;
  /** The longest wait between WebSocket retries on SSE. */
  wsRetryMaxMs?: number;
  /** Default: the global timer functions. */
  timers?: Timers;
  /** Default: Math.random; used for the backoff jitter and the 1001 drain delay. */
  random?: () => number;
  /** Default: Date.now; stamps lastConnectedAt and lastDisconnectedAt. */
  now?: () => number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** Reconnect attempts before giving up (then a retry toast, and a retry on 'online' or the tab becoming visible). */
  maxReconnectAttempts?: number;
  /** A {"action":"ping"} every this many ms while connected. */
  heartbeatIntervalMs?: number;
  /** No inbound frame this long after a ping: the socket is closed locally (4009) and reconnected with backoff. */
  heartbeatTimeoutMs?: number;
  /** Offline buffer size; past it the oldest frames are dropped. */
  maxBufferedMessages?: number;
  /** Upper bound of the random delay before reconnecting after 1001. */
  drainDelayMaxMs?: number;
  /** Default: window.notificationManager, else a minimal built-in toaster when there is a document. */
  notifications?: NotificationManager | null;
  /** Target of the 'online' event; default: the global window. */
  window?: EventTargetLike | null;
  /** Target of 'visibilitychange' (with visibilityState); default: the global document. */
  document?: (EventTargetLike & { visibilityState?: string }) | null;
  /** Used for the default url when there is no global location. */
  location?: { protocol: string; host: string };
  /** Connect on the first subscribe() (as window.wsManager does) instead of waiting for connect(). */
  lazy?: boolean;
}

export interface ConnectionInfo {
  clientId: string;
  node: string;
  availableTopics: string[];
  protocol: number;
}

export interface ClientStats {
  /** Inbound frames of every kind. */
  messagesReceived: number;
  /** Outbound frames of every kind, pings and subscribes included. */
  messagesSent: number;
  /** Successful connections after the first. */
  reconnectCount: number;
  lastConnectedAt: Date | null;
  lastDisconnectedAt: Date | null;
  status: ConnectionStatus;
  /** The transport of the current connection; while not connected, of the next attempt. */
  transport: Transport;
  /** Topics the server is asked for ('*' excluded). */
  subscribedTopics: string[];
  bufferedMessages: number;
  /** Attempts since the last successful connection. */
  reconnectAttempts: number;
  /** Replies with "recovered":true. */
  recoveries: number;
  /** `gap` frames received. */
  gaps: number;
  /** Frames dropped from the full offline buffer. */
  droppedBuffered: number;
  /** Events dropped because their seq was already seen (or is being replayed). */
  duplicatesDropped: number;
  clientId: string | null;
  node: string | null;
  availableTopics: string[];
}

/** WebSocketManager keeps one hub connection alive and routes topic events to subscribers, without loss or duplicates. */
export declare class WebSocketManager {
  static readonly CLOSE_CODES: typeof CLOSE_CODES;
  static readonly STATES: typeof STATES;
  constructor(options?: WebSocketManagerOptions);
  /** Opens the connection; a no-op while connecting or connected; also the manual retry after giving up. */
  connect(): void;
  /** Closes with 1000; nothing reconnects until connect(). */
  disconnect(): void;
  /**
   * Adds a handler; the subscribe frame is sent when the topic gets its first handler (at once, or on open).
   * '*' receives every event and sends nothing. Returns a function that removes this handler.
   */
  subscribe(topic: string, handler: Handler, options?: SubscribeOptions): () => boolean;
  /** Removes one handler, or every handler of the topic; {"action":"unsubscribe"} only when none remains. */
  unsubscribe(topic: string, handler?: Handler): boolean;
  /** Objects are JSON-stringified; true if sent now, false if kept in the offline buffer (flushed on connect). */
  send(data: string | object): boolean;
  isConnected(): boolean;
  getStatus(): ConnectionStatus;
  getStats(): ClientStats;
  /** From the server's `connected` frame; null before the first one. */
  getConnectionInfo(): ConnectionInfo | null;
  /** Each returns a function that removes the listener. */
  onConnect(cb: (change: StateChange) => void): () => boolean;
  onDisconnect(cb: (change: StateChange) => void): () => boolean;
  onError(cb: (error: ClientError) => void): () => boolean;
  onStateChange(cb: (change: StateChange) => void): () => boolean;
}

declare global {
  interface Window {
    WebSocketManager: typeof WebSocketManager;
    /** The shared instance; it connects on its first subscribe() or connect(). */
    wsManager: WebSocketManager;
    notificationManager?: NotificationManager;
  }
}
