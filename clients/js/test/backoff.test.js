import test from 'node:test';
import assert from 'node:assert/strict';
import { client } from './fakes.js';

const { backoffDelay, closePolicy, CLOSE_CODES } = client;

/** A seeded generator in [0, 1), so the jitter checks are the same on every run. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test('backoff ceilings double from 1 s and stop at 30 s', () => {
  const ceilings = [0, 1, 2, 3, 4, 5, 6, 9, 20].map((attempt) => backoffDelay(attempt, 1000, 30000, () => 1));
  assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
});

test('backoff defaults are a 1 s base and a 30 s cap', () => {
  assert.equal(backoffDelay(0, undefined, undefined, () => 1), 1000);
  assert.equal(backoffDelay(4, undefined, undefined, () => 1), 16000);
  assert.equal(backoffDelay(12, undefined, undefined, () => 1), 30000);
});

test('full jitter: the delay is random() times the ceiling', () => {
  assert.equal(backoffDelay(3, 1000, 30000, () => 0), 0);
  assert.equal(backoffDelay(3, 1000, 30000, () => 0.25), 2000);
  assert.equal(backoffDelay(7, 1000, 30000, () => 0.5), 15000);
});

test('jittered delays stay within [0, ceiling) and spread over the whole range', () => {
  const random = seeded(42);
  for (let attempt = 0; attempt < 10; attempt++) {
    const ceiling = Math.min(30000, 1000 * 2 ** attempt);
    const delays = Array.from({ length: 500 }, () => backoffDelay(attempt, 1000, 30000, random));
    for (const d of delays) assert.ok(d >= 0 && d < ceiling, `attempt ${attempt}: ${d} outside [0, ${ceiling})`);
    assert.ok(Math.min(...delays) < ceiling * 0.1, `attempt ${attempt}: no short delays`);
    assert.ok(Math.max(...delays) > ceiling * 0.9, `attempt ${attempt}: no long delays`);
  }
});

test('the close code table matches docs/API.md', () => {
  const policies = Object.fromEntries(Object.entries(CLOSE_CODES).map(([code, entry]) => [code, entry.reconnect]));
  assert.deepEqual(policies, {
    1000: 'backoff', 1001: 'drain', 1008: 'backoff', 1009: 'backoff', 1011: 'backoff',
    4001: 'now', 4003: 'none', 4008: 'now', 4009: 'backoff',
  });
  assert.ok(Object.isFrozen(CLOSE_CODES) && Object.isFrozen(CLOSE_CODES[4003]));
});

test('abnormal and unknown close codes reconnect with backoff', () => {
  for (const code of [1006, 1012, 1013, 4500]) assert.equal(closePolicy(code), 'backoff', String(code));
  assert.equal(closePolicy(4003), 'none', 'only 4003 stops the client');
  assert.equal(closePolicy(1000), 'backoff', 'a 1000 the client did not ask for');
  assert.equal(closePolicy(4008), 'now');
});
