import test from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { CLASSIC_SCRIPT, client, FakeClock, socketClass, setup, connected, settle } from './fakes.js';

test('the default URL follows the page: ws or wss, same host, /api/ws/realtime', () => {
  for (const [protocol, expected] of [['http:', 'ws://hub.example:8000/api/ws/realtime'], ['https:', 'wss://hub.example:8000/api/ws/realtime']]) {
    const WS = socketClass();
    const manager = new client.WebSocketManager({ location: { protocol, host: 'hub.example:8000' }, WebSocket: WS,
      timers: new FakeClock(), window: null, document: null });
    manager.connect();
    assert.equal(WS.instances[0].url, expected);
  }
});

test('a token is sent as an encoded ?token= query parameter', () => {
  const a = setup({ token: 'a b&c' });
  a.manager.connect();
  assert.equal(a.ws.url, 'ws://hub.test/api/ws/realtime?token=a%20b%26c');
  const b = setup({ url: 'ws://hub.test/api/ws/realtime?x=1', token: 't' });
  b.manager.connect();
  assert.equal(b.ws.url, 'ws://hub.test/api/ws/realtime?x=1&token=t');
  const c = setup();
  c.manager.connect();
  assert.equal(c.ws.url, 'ws://hub.test/api/ws/realtime');
});

test('getToken is called before every connect and reconnect, and its token is used', async () => {
  let n = 0;
  const ctx = setup({ token: 'static', getToken: async () => 'tok' + ++n });
  ctx.manager.connect();
  assert.equal(ctx.sockets, 0, 'no socket before the token is there');
  await settle();
  assert.equal(ctx.ws.url, 'ws://hub.test/api/ws/realtime?token=tok1');
  ctx.ws.open();
  ctx.ws.closed(1011);
  ctx.clock.tick(500);
  await settle();
  assert.equal(n, 2);
  assert.equal(ctx.sockets, 2);
  assert.equal(ctx.ws.url, 'ws://hub.test/api/ws/realtime?token=tok2');
});

test('a failing getToken is reported and counts as a failed attempt', async () => {
  let calls = 0;
  const ctx = setup({ getToken: async () => { if (++calls === 1) throw new Error('auth down'); return 'ok'; } });
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  ctx.manager.connect();
  await settle();
  assert.equal(ctx.sockets, 0);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.equal(errors[0].type, 'token');
  assert.match(errors[0].message, /auth down/);
  ctx.clock.tick(500);
  await settle();
  assert.equal(ctx.ws.url, 'ws://hub.test/api/ws/realtime?token=ok');
});

test('state transitions are emitted once per change, each with code and reason', () => {
  const ctx = setup();
  const seen = [];
  ctx.manager.onStateChange((e) => seen.push(e));
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  ctx.manager.connect();
  ctx.manager.connect(); // already connecting: no second socket, no second event
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.manager.getStatus(), 'connecting');
  assert.equal(ctx.manager.isConnected(), false);
  ctx.ws.open();
  assert.equal(ctx.manager.isConnected(), true);
  ctx.manager.disconnect();
  assert.equal(ctx.manager.getStatus(), 'closing');
  assert.deepEqual(ctx.ws.closeCalls, [{ code: 1000, reason: 'client disconnect' }]);
  ctx.ws.closed(1000, 'bye');
  assert.deepEqual(seen, [
    { state: 'connecting', previous: 'disconnected', code: 0, reason: 'connect' },
    { state: 'connected', previous: 'connecting', code: 0, reason: 'open' },
    { state: 'closing', previous: 'connected', code: 1000, reason: 'client disconnect' },
    { state: 'disconnected', previous: 'closing', code: 1000, reason: 'bye' },
  ]);
  ctx.manager.disconnect(); // no change, no event
  assert.equal(seen.length, 4);
});

test('onConnect, onDisconnect and onError return a function that removes the listener', () => {
  const ctx = setup();
  const got = { connect: 0, disconnect: 0, error: 0 };
  const offConnect = ctx.manager.onConnect(() => got.connect++);
  const offDisconnect = ctx.manager.onDisconnect((e) => { got.disconnect++; got.code = e.code; });
  const offError = ctx.manager.onError(() => got.error++);
  connected(ctx);
  ctx.ws.receive({ type: 'error', message: 'Unknown action: x' });
  ctx.ws.closed(1011, 'oops');
  assert.deepEqual(got, { connect: 1, disconnect: 1, error: 1, code: 1011 });
  offConnect();
  offDisconnect();
  offError();
  ctx.clock.tick(500);
  ctx.ws.open();
  ctx.ws.receive({ type: 'error', message: 'again' });
  ctx.ws.closed(1011);
  assert.deepEqual(got, { connect: 1, disconnect: 1, error: 1, code: 1011 });
});

test('a manual disconnect never reconnects, whatever the close code', () => {
  const ctx = setup();
  connected(ctx);
  ctx.manager.disconnect();
  ctx.ws.closed(1006); // the close event may carry any code
  ctx.clock.tick(10 * 60 * 1000);
  assert.equal(ctx.sockets, 1);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  assert.equal(ctx.clock.timers.size, 0, 'no timer left behind');
  assert.deepEqual(ctx.notes.calls, []);
});

test('disconnect during the backoff wait cancels the reconnect; connect() starts afresh', () => {
  const ctx = setup();
  connected(ctx);
  ctx.ws.closed(1011);
  assert.deepEqual(ctx.clock.pendingTimeouts(), [500]);
  ctx.manager.disconnect();
  assert.equal(ctx.clock.timers.size, 0);
  ctx.clock.tick(60000);
  assert.equal(ctx.sockets, 1);
  ctx.manager.connect();
  assert.equal(ctx.sockets, 2);
});

test('disconnect before the socket opens closes it quietly', () => {
  const ctx = setup();
  const errors = [];
  ctx.manager.onError((e) => errors.push(e));
  ctx.manager.connect();
  ctx.manager.disconnect();
  assert.deepEqual(ctx.ws.closeCalls, [{ code: 1000, reason: 'client disconnect' }]);
  ctx.ws.onerror({ type: 'error' }); // a browser fires error, then close 1006, for a socket closed while connecting
  ctx.ws.closed(1006);
  assert.deepEqual(errors, []);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  ctx.clock.tick(60000);
  assert.equal(ctx.sockets, 1);
});

test('disconnect while getToken is pending opens no socket', async () => {
  let release;
  const ctx = setup({ getToken: () => new Promise((resolve) => { release = resolve; }) });
  ctx.manager.connect();
  ctx.manager.disconnect();
  assert.equal(ctx.manager.getStatus(), 'disconnected');
  release('late');
  await settle();
  assert.equal(ctx.sockets, 0);
  assert.equal(ctx.manager.getStatus(), 'disconnected');
});

test('getStats reports every counter, the status and the connection info', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {});
  ctx.manager.subscribe('*', () => {});
  ctx.manager.send({ a: 1 });
  let ws = connected(ctx);
  ctx.clock.tick(1000);
  ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 1, epoch: 'e1' });
  ws.receive({ type: 'log', topic: 'logs', seq: 2 });
  ws.receive({ type: 'log', topic: 'logs', seq: 2 });
  ws.receive({ type: 'gap', topic: 'logs', from: 3, to: 4 });
  ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 4, epoch: 'e1', recovered: true });
  ctx.clock.tick(1000);
  ws.closed(1011);
  ctx.clock.tick(500);
  ws = ctx.ws;
  ws.open();
  const stats = ctx.manager.getStats();
  assert.deepEqual(stats, {
    messagesReceived: 6, // connected, subscription, 2 events, gap, subscription
    messagesSent: 4, // subscribe, buffered frame, gap resubscribe; then subscribe after reconnect
    reconnectCount: 1,
    lastConnectedAt: new Date(2500),
    lastDisconnectedAt: new Date(2000),
    status: 'connected',
    transport: 'websocket',
    subscribedTopics: ['logs'],
    bufferedMessages: 0,
    reconnectAttempts: 0,
    recoveries: 1,
    gaps: 1,
    droppedBuffered: 0,
    duplicatesDropped: 1,
    clientId: 'c-1',
    node: 'node-a',
    availableTopics: ['stats', 'logs'],
  });
  assert.deepEqual(ctx.manager.getConnectionInfo(), { clientId: 'c-1', node: 'node-a', availableTopics: ['stats', 'logs'], protocol: 1 });
});

/** Loads the generated ws-manager.js as a page would: a classic script in a window with no `module`. */
function loadAsPage(extra = {}) {
  const clock = new FakeClock();
  const WS = socketClass();
  const page = Object.assign({
    location: { protocol: 'http:', host: 'localhost:8000' }, WebSocket: WS, console,
    setTimeout: clock.setTimeout.bind(clock), clearTimeout: clock.clearTimeout.bind(clock),
    setInterval: clock.setInterval.bind(clock), clearInterval: clock.clearInterval.bind(clock),
  }, extra);
  page.window = page;
  vm.runInNewContext(CLASSIC_SCRIPT, page, { filename: 'ws-manager.js' });
  return { page, WS, clock };
}

test('as a classic script it sets window.WebSocketManager and a lazy window.wsManager', () => {
  const { page, WS } = loadAsPage();
  assert.equal(typeof page.WebSocketManager, 'function');
  assert.ok(page.wsManager instanceof page.WebSocketManager);
  assert.equal(page.WebSocketManager.CLOSE_CODES[4003].reconnect, 'none');
  assert.equal(WS.instances.length, 0, 'no connection at load');
  page.wsManager.subscribe('stats', () => {});
  assert.equal(WS.instances.length, 1, 'the first subscribe connects');
  assert.equal(WS.instances[0].url, 'ws://localhost:8000/api/ws/realtime');
  WS.instances[0].open();
  assert.deepEqual(WS.instances[0].frames(), [{ action: 'subscribe', topic: 'stats' }]);
  page.wsManager.subscribe('logs', () => {});
  assert.equal(WS.instances.length, 1);
});

test('a page without notificationManager gets a minimal toast in the document', () => {
  const appended = [];
  const element = () => ({
    style: {}, children: [], isConnected: false,
    setAttribute(name, value) { this[name] = value; },
    appendChild(child) { this.children.push(child); child.isConnected = true; return child; },
    remove() { this.isConnected = false; },
  });
  const body = { appendChild(child) { appended.push(child); child.isConnected = true; return child; } };
  const { page, WS, clock } = loadAsPage({ document: { body, createElement: element } });
  page.wsManager.connect();
  WS.instances[0].open();
  WS.instances[0].closed(4003, 'revoked');
  assert.equal(appended.length, 1, 'one toast container');
  const [toast] = appended[0].children;
  assert.equal(toast.textContent, 'Realtime access denied: revoked');
  assert.equal(toast.role, 'alert');
  assert.equal(toast.isConnected, true);
  clock.tick(4000);
  assert.equal(toast.isConnected, false, 'the toast hides itself');
});
