import test from 'node:test';
import assert from 'node:assert/strict';
import { client, FakeClock, socketClass } from './fakes.js';

const make = (options) => () => new client.WebSocketManager(options);

test('an unknown option is refused by name, with the right name when only the case slipped', () => {
  assert.throws(make({ reconectBaseMs: 10 }), { name: 'TypeError', message: /unknown option "reconectBaseMs"; the options are url, / });
  assert.throws(make({ websocket: class {} }), { name: 'TypeError', message: /unknown option "websocket" \(did you mean "WebSocket"\?\)/ });
});

test('an option of the wrong type is refused, naming the option, what it must be and what it got', () => {
  const cases = [
    [{ heartbeatIntervalMs: '30s' }, /option "heartbeatIntervalMs" must be a number of milliseconds > 0, got "30s"/],
    [{ heartbeatIntervalMs: 0 }, /option "heartbeatIntervalMs" must be a number of milliseconds > 0, got 0/],
    [{ reconnectBaseMs: -1 }, /option "reconnectBaseMs" must be a number of milliseconds >= 0, got -1/],
    [{ reconnectMaxMs: NaN }, /option "reconnectMaxMs" must be a number of milliseconds >= 0, got NaN/],
    [{ maxReconnectAttempts: 2.5 }, /option "maxReconnectAttempts" must be an integer >= 0, got 2.5/],
    [{ getToken: 'abc' }, /option "getToken" must be a function, got "abc"/],
    [{ WebSocket: {} }, /option "WebSocket" must be a function, got an object/],
    [{ EventSource: true }, /option "EventSource" must be a function, got a boolean/],
    [{ token: 42 }, /option "token" must be a string, got 42/],
    [{ lazy: 'yes' }, /option "lazy" must be a boolean, got "yes"/],
    [{ timers: { setTimeout() {} } }, /option "timers" must be an object with setTimeout, clearTimeout, setInterval and clearInterval, got an object/],
    [{ location: 'http://x' }, /option "location" must be an object with string protocol and host, got "http:\/\/x"/],
    [{ notifications: [] }, null], // an array is an object: accepted, as before
  ];
  for (const [options, message] of cases) {
    if (message) assert.throws(make(options), { name: 'TypeError', message }, JSON.stringify(options));
    else assert.doesNotThrow(make({ ...options, WebSocket: socketClass(), url: 'ws://hub.test/api/ws/realtime' }));
  }
});

test('a url that is not an absolute ws: or wss: URL is refused with the url in the message', () => {
  assert.throws(make({ url: 'http://hub.test/api/ws/realtime' }),
    { name: 'TypeError', message: 'WebSocketManager: option "url" must be an absolute ws: or wss: URL, not "http://hub.test/api/ws/realtime"' });
  assert.throws(make({ url: '/api/ws/realtime' }), { message: /option "url" must be an absolute ws: or wss: URL, not "\/api\/ws\/realtime"/ });
  assert.throws(make({ url: 42 }), { message: /option "url" must be an absolute ws: or wss: URL, got 42/ });
  assert.throws(make({ sseUrl: 'ws://hub.test/api/sse/realtime' }), { message: /option "sseUrl" must be an absolute http: or https: URL/ });
});

test('options that are not an object are refused', () => {
  assert.throws(make(null), { name: 'TypeError', message: 'WebSocketManager: options must be an object, not null' });
  assert.throws(make('ws://hub.test'), { name: 'TypeError', message: /options must be an object/ });
});

test('every documented option is accepted, and an undefined one counts as not given', () => {
  const clock = new FakeClock();
  const target = { addEventListener() {}, removeEventListener() {} };
  const manager = new client.WebSocketManager({
    url: 'wss://hub.test/api/ws/realtime', getToken: () => 't', WebSocket: socketClass(), EventSource: null,
    fetch: async () => ({ ok: true, status: 204, json: async () => ({}) }), sseUrl: 'https://hub.test/api/sse/realtime',
    fallbackWindowMs: 0, wsRetryMs: 1, wsRetryMaxMs: 2, timers: clock, random: () => 0, now: () => 0, reconnectBaseMs: 0,
    reconnectMaxMs: 0, maxReconnectAttempts: 0, heartbeatIntervalMs: 1, heartbeatTimeoutMs: 1, maxBufferedMessages: 0,
    drainDelayMaxMs: 0, notifications: null, window: target, document: null, location: { protocol: 'https:', host: 'h' },
    lazy: false, token: undefined,
  });
  assert.equal(manager.getStatus(), 'disconnected');
  assert.doesNotThrow(make({ url: undefined, location: { protocol: 'http:', host: 'h' }, WebSocket: socketClass(), window: null, document: null }));
});
