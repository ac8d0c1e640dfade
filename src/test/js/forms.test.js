// What a refused form tells the user (static/forms.js), without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, newKey } from '../../main/resources/META-INF/resources/static/forms.js';

test('a refusal names each field that was wrong, as a sentence', () => {
  assert.equal(describe({ error: 'Invalid', details: [{ field: 'name', message: 'must not be blank' }, { field: 'username', message: 'is taken' }] }),
    'Name must not be blank. Username is taken.');
});

test('a refusal without fields says its error, or that the page is to be reloaded', () => {
  assert.equal(describe({ error: 'That list is gone.', details: [] }), 'That list is gone.');
  assert.equal(describe({}), 'That did not work; reload the page and try again.');
});

test('each form sent gets a key of its own', () => {
  assert.match(newKey(), /^[0-9a-f]{32}$/);
  assert.notEqual(newKey(), newKey());
});
