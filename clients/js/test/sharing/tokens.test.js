// Tokens: the holder's getToken supplies them; the worker asks the tabs and the first answer wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionHost } from '../../src/sharing/connection-host.js';
import { TOKEN_TIMEOUT_MS } from '../../src/sharing/protocol.js';
import { FakeBrowser } from './browser.js';
import { FakeClock, FakeHub, settle } from './fakes.js';

/** A worker's host with peers whose token requests the test answers by hand. */
function workerHost(peerIds) {
  const clock = new FakeClock(), hub = new FakeHub(), made = [], inbox = new Map(peerIds.map((id) => [id, []]));
  const host = new ConnectionHost({ createConnection: hub.factory(made), timers: clock });
  for (const id of peerIds) {
    host.addPeer(id, (msg) => inbox.get(id).push(msg));
    host.receive(id, { k: 'hello', connect: true, topics: [{ topic: 'orders' }], config: { hasGetToken: true } });
  }
  const asks = (id) => inbox.get(id).filter((m) => m.k === 'token?');
  return { clock, hub, made, host, asks };
}

test('the worker asks every tab for a token; the first answer wins and a later one is ignored', async () => {
  const { hub, host, asks } = workerHost(['a', 'b']);
  assert.equal(asks('a').length, 1);
  assert.equal(asks('b').length, 1);
  const id = asks('a')[0].id;
  host.receive('b', { k: 'token', id, token: 'from-b' });
  host.receive('a', { k: 'token', id, token: 'from-a' });
  await settle();
  assert.deepEqual(hub.tokens, ['from-b']);
});

test('a tab failing to get a token does not fail the request while another may still answer', async () => {
  const { hub, host, asks } = workerHost(['a', 'b']);
  const id = asks('a')[0].id;
  host.receive('a', { k: 'token', id, error: 'login expired' });
  host.receive('b', { k: 'token', id, token: 'from-b' });
  await settle();
  assert.deepEqual(hub.tokens, ['from-b']);
});

test('no answer within the token timeout fails the connect attempt with a clear error', async () => {
  const { clock, hub, made, asks } = workerHost(['a']);
  assert.equal(asks('a').length, 1);
  const errors = [];
  made[0].onError((e) => errors.push(e.message));
  clock.tick(TOKEN_TIMEOUT_MS - 1);
  await settle();
  assert.deepEqual(errors, []);
  clock.tick(1);
  await settle();
  assert.deepEqual(errors, ['no tab answered the token request in time']);
  assert.deepEqual(hub.tokens, []);
  assert.equal(made[0].getStatus(), 'disconnected');
});

test('a tab that goes while asked for a token is no longer waited for', async () => {
  const { hub, host, asks, made } = workerHost(['a', 'b']);
  const errors = [];
  made[0].onError((e) => errors.push(e.message));
  host.receive('a', { k: 'token', id: asks('a')[0].id, error: 'nope' });
  host.removePeer('b');
  await settle();
  assert.deepEqual(errors, ['nope']);
  assert.deepEqual(hub.tokens, []);
});

test("SharedWorker: tabs' getToken answer the worker, the first one is used", async () => {
  const b = new FakeBrowser({ worker: true });
  const calls = [];
  const tabs = ['t1', 't2', 't3'].map((name) => b.openTab({ lazy: true, getToken: () => { calls.push(name); return 'token-' + name; } }));
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  assert.equal(b.openConnections(), 1);
  assert.equal(b.hub.tokens.length, 1);
  assert.ok(b.hub.tokens[0].startsWith('token-t'), b.hub.tokens[0]);
});

test("Web Locks: the holder's own getToken supplies the token; a 4001 is handled once, by the holder", async () => {
  const b = new FakeBrowser();
  const calls = [];
  const tabs = ['t1', 't2', 't3'].map((name) => b.openTab({ lazy: true, getToken: () => { calls.push(name); return 'token-' + name; } }));
  for (const tab of tabs) b.subscribe(tab, 'orders');
  await settle();
  assert.deepEqual(calls, ['t1']);
  b.connections[0].dropByHub(4001, 'token expired');
  b.connections[0].connect(); // the manager reconnects at once after 4001, with a fresh token
  await settle();
  assert.deepEqual(calls, ['t1', 't1']);
  assert.deepEqual(b.hub.tokens, ['token-t1', 'token-t1']);
  assert.equal(b.openConnections(), 1);
});
