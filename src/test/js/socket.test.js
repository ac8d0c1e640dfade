// The live connection's rules (static/socket.js) without a browser: when to try again, and when the page is live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoff, caughtUp } from '../../main/resources/META-INF/resources/static/socket.js';

test('a lost connection is tried again sooner at first, then every five seconds at most', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 10].map(failures => backoff(failures, 1)), [500, 1000, 2000, 4000, 5000, 5000]);
});

test('browsers that lost the same server wait between half and all of the delay, so they do not all come back at once', () => {
  assert.equal(backoff(2, 0), 1000);
  assert.equal(backoff(2, 0.5), 1500);
  assert.ok(backoff(2, 0.999) < 2000);
});

test('the page is live once it shows each list at the version the server had when the connection opened', () => {
  assert.equal(caughtUp({ 1: 4, 2: 7 }, { 1: 4, 2: 8 }), false);
  assert.equal(caughtUp({ 1: 4, 2: 8 }, { 1: 4, 2: 8 }), true);
  assert.equal(caughtUp({ 1: 5 }, { 1: 4 }), true, 'a change that came after the connection opened');
});

test('a list the server did not name as the connection opened does not hold the page back', () => {
  assert.equal(caughtUp({ 1: 4, 9: 2 }, { 1: 4 }), true);
});
