// A TypeScript consumer of the packed realtime-hub-client, type-checked with moduleResolution nodenext (strict).
import { WebSocketManager, CLOSE_CODES, closePolicy } from 'realtime-hub-client';
import type { ClientStats, ConnectionStatus, Handler, HubEvent, WebSocketManagerOptions } from 'realtime-hub-client';
import WebSocket from 'ws';

const options: WebSocketManagerOptions = { url: 'ws://127.0.0.1:8000/api/ws/realtime', WebSocket, EventSource: null };
const manager = new WebSocketManager(options);
const handler: Handler = (event: HubEvent | null, topic, meta) => {
  if (event === null) console.log('recovery failed on', topic, meta);
  else console.log(event.type, event.seq, meta.seq);
};
const stop: () => boolean = manager.subscribe('alerts', handler, { since: 0 });
const status: ConnectionStatus = manager.getStatus();
const stats: ClientStats = manager.getStats();
const transport: 'websocket' | 'sse' = stats.transport;
const forbidden: 'none' = CLOSE_CODES[4003].reconnect;
const policy: 'none' | 'now' | 'drain' | 'backoff' = closePolicy(4001);
manager.onDisconnect(({ code, reason }) => console.log(code, reason));
console.log(status, transport, forbidden, policy, stop());
// @ts-expect-error: a misspelt option is a type error (and a TypeError at run time)
new WebSocketManager({ reconectBaseMs: 10 });
// @ts-expect-error: options have types
new WebSocketManager({ heartbeatIntervalMs: '30s' });
