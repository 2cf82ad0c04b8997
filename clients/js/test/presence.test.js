import test from 'node:test';
import assert from 'node:assert/strict';
import { setup, connected } from './fakes.js';

const event = (topic, seq) => ({ type: 'rule_change', topic, seq, timestamp: '2026-01-15T14:05:00.000Z' });

test('presence, join and leave frames reach the topic handlers without touching its seq', () => {
  const ctx = setup();
  const calls = [];
  ctx.manager.subscribe('room', (data, topic, meta) => calls.push({ type: data.type, topic, seq: meta.seq }));
  connected(ctx);
  ctx.ws.receive({ type: 'subscription', topic: 'room', success: true, seq: 0, epoch: 'e1' });
  ctx.ws.receive(event('room', 1));
  ctx.ws.receive({ type: 'join', topic: 'room', user_id: 'alice' });
  ctx.ws.receive({ type: 'leave', topic: 'room', user_id: null });
  ctx.ws.receive({ type: 'presence', topic: 'room', connections: 2, users: ['alice'] });
  ctx.ws.receive(event('room', 1)); // a duplicate is still recognised as one
  ctx.ws.receive(event('room', 2));
  assert.deepEqual(calls, [
    { type: 'rule_change', topic: 'room', seq: 1 },
    { type: 'join', topic: 'room', seq: undefined },
    { type: 'leave', topic: 'room', seq: undefined },
    { type: 'presence', topic: 'room', seq: undefined },
    { type: 'rule_change', topic: 'room', seq: 2 },
  ]);
  assert.equal(ctx.manager.getStats().duplicatesDropped, 1);
  assert.deepEqual(ctx.ws.frames('subscribe'), [{ action: 'subscribe', topic: 'room' }], 'no recovery was started');
});

test('the presence action goes out as sent', () => {
  const ctx = setup();
  connected(ctx);
  ctx.manager.send({ action: 'presence', topic: 'room' });
  assert.deepEqual(ctx.ws.frames('presence'), [{ action: 'presence', topic: 'room' }]);
});
