import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected } from './fakes.js';

const ERRORS = { level: ['ERROR', 'CRITICAL'] };
const event = (topic, seq, extra = {}) => Object.assign({ type: 'log', topic, seq, timestamp: '2026-01-15T14:05:00.000Z' }, extra);

test('a filter goes with the subscribe frame', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {}, { filter: ERRORS });
  connected(ctx);
  assert.deepEqual(ctx.ws.frames(), [{ action: 'subscribe', topic: 'logs', filter: ERRORS }]);
});

test('a recovery after a reconnect carries the filter with since and epoch', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {}, { filter: ERRORS });
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 4, epoch: 'e1' });
  ctx.ws.receive(event('logs', 7, { level: 'ERROR' }));
  const before = ctx.ws.frames().length;
  ctx.manager._topics.subscribeAll(); // what an open after a reconnect does
  assert.deepEqual(ctx.ws.frames().slice(before), [{ action: 'subscribe', topic: 'logs', since: 7, epoch: 'e1', filter: ERRORS }]);
});

test('seq holes of a filtered topic are not gaps: every event reaches the handler, no recovery is asked for', () => {
  const ctx = setup();
  const seen = [];
  ctx.manager.subscribe('logs', (ev) => ev && seen.push(ev.seq), { filter: ERRORS });
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'logs', success: true, seq: 0, epoch: 'e1' });
  const before = ctx.ws.frames().length;
  ctx.ws.receive(event('logs', 2, { level: 'ERROR' }));
  ctx.ws.receive(event('logs', 9, { level: 'CRITICAL' }));
  ctx.ws.receive({ type: 'batch', topic: 'logs', count: 2, items: [event('logs', 15, { level: 'ERROR' }), event('logs', 40, { level: 'ERROR' })] });
  assert.deepEqual(seen, [2, 9, 15, 40]);
  assert.equal(ctx.manager.getStats().gaps, 0);
  assert.equal(ctx.ws.frames().length, before, 'no resubscribe was sent');
});

test('a second handler with another filter on the same topic is refused; the same filter is fine', () => {
  const ctx = setup();
  ctx.manager.subscribe('logs', () => {}, { filter: ERRORS });
  ctx.manager.subscribe('logs', () => {}, { filter: { level: ['ERROR', 'CRITICAL'] } });
  assert.throws(() => ctx.manager.subscribe('logs', () => {}, { filter: { level: ['INFO'] } }), /already subscribed with another filter/);
  assert.throws(() => ctx.manager.subscribe('logs', () => {}), /already subscribed with another filter/);
  ctx.manager.subscribe('alerts', () => {});
  assert.throws(() => ctx.manager.subscribe('alerts', () => {}, { filter: ERRORS }), /already subscribed with no filter/);
});

test('once every handler left, the topic may be subscribed again with another filter', () => {
  const ctx = setup();
  connected(ctx);
  const off = ctx.manager.subscribe('logs', () => {}, { filter: ERRORS });
  off();
  ctx.manager.subscribe('logs', () => {}, { filter: { level: ['INFO'] } });
  assert.deepEqual(ctx.ws.frames().filter((f) => f.action === 'subscribe').map((f) => f.filter), [ERRORS, { level: ['INFO'] }]);
});
