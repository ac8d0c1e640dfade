// The Account page's import (static/account-page.js), without a browser: what it says was made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importedText } from '../../main/resources/META-INF/resources/static/account-page.js';

test('an import says which lists it made and how many todos each has', () => {
  assert.equal(importedText([]), 'The document has no lists: nothing was imported.');
  assert.equal(importedText([{ name: 'Trip', todos: 1 }, { name: 'Food', todos: 12 }]), 'Imported “Trip” (1 todo), “Food” (12 todos).');
});
