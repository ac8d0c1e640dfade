// The service worker keeps every page script and the style, so a page works offline whole.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const resources = new URL('../../main/resources/META-INF/resources/', import.meta.url);

test('the service worker keeps every file the pages load', () => {
  const worker = readFileSync(new URL('sw.js', resources), 'utf8');
  const kept = new Set([...worker.matchAll(/'(\/static\/[^']+)'/g)].map(match => match[1]));
  const served = readdirSync(new URL('static/', resources)).map(file => '/static/' + file);
  assert.deepEqual([...kept].sort(), served.sort());
});
