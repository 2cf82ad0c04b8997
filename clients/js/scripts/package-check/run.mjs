// Runs in the folder the packed realtime-hub-client was installed into, under Node 20 (no global WebSocket): imports
// the package, connects to the hub at HUB_URL with the `ws` package's WebSocket injected, and waits for one event that
// it publishes itself (POST /api/publish with HUB_API_KEY) once the hub has confirmed the subscription.
import { WebSocketManager } from 'realtime-hub-client';
import WebSocket from 'ws';

const hub = new URL(process.env.HUB_URL);
const topic = process.env.HUB_TOPIC || 'alerts';
const marker = 'package-check-' + process.pid;

/** The ws package's WebSocket, telling when the hub confirms the subscription (then the event is published). */
class ObservedWebSocket extends WebSocket {
  constructor(url) {
    super(url);
    this.addEventListener('message', (message) => {
      const frame = JSON.parse(String(message.data));
      if (frame.type === 'subscription' && frame.topic === topic && frame.success !== false) publish();
    });
  }
}

async function publish() {
  const response = await fetch(new URL('/api/publish', hub), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + process.env.HUB_API_KEY },
    body: JSON.stringify({ topic, type: 'package_check', marker, throttle: false }),
  });
  if (!response.ok) fail('POST /api/publish answered ' + response.status + ' ' + (await response.text()));
}

function fail(message) {
  console.error('run.mjs: ' + message);
  process.exit(1);
}

const url = (hub.protocol === 'https:' ? 'wss://' : 'ws://') + hub.host + '/api/ws/realtime';
const manager = new WebSocketManager({ url, WebSocket: ObservedWebSocket, EventSource: null, maxReconnectAttempts: 0 });
manager.onError((error) => console.error('run.mjs: client error', error.type, error.message));
let received = false;
manager.onDisconnect(({ code, reason }) => { if (!received) fail('disconnected: ' + code + ' ' + reason); });
manager.subscribe(topic, (event, eventTopic, meta) => {
  if (!event || event.marker !== marker) return;
  received = true;
  console.log('run.mjs: received ' + JSON.stringify({ topic: eventTopic, type: event.type, seq: meta.seq,
    transport: manager.getStats().transport, node: manager.getConnectionInfo()?.node }));
  manager.disconnect();
  process.exit(0);
});
manager.connect();
