// What a list's page says of its outbox (static/list-view.js), without a browser: the waiting
// note, and the note and choices of a refused edit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflictNote, waitingText } from '../../main/resources/META-INF/resources/static/list-view.js';

function refused(op, status, error = 'Refused.') {
  return { seq: 1, list: 7, op, key: 'k1', todo: 3, conflict: { status, error } };
}

function offered(edit) {
  return conflictNote(edit).choices.map(choice => `${choice.value}: ${choice.label}`);
}

test('the waiting note counts the edits not answered, and those that need a choice', () => {
  assert.equal(waitingText(1, 0), '1 edit waiting to be sent');
  assert.equal(waitingText(3, 0), '3 edits waiting to be sent');
  assert.equal(waitingText(2, 1), '2 edits waiting to be sent, 1 needs your choice');
  assert.equal(waitingText(4, 2), '4 edits waiting to be sent, 2 need your choice');
});

test('an edit made over someone else\'s change may be kept over theirs', () => {
  const edit = refused('update', 412);
  assert.equal(conflictNote(edit).text, 'Someone else changed this todo while your edit waited.');
  assert.deepEqual(offered(edit), ['mine: Keep mine', 'theirs: Take theirs']);
});

test('a change to a todo someone else deleted may bring it back', () => {
  const edit = refused('update', 404);
  assert.equal(conflictNote(edit).text, 'Someone else deleted this todo while your edit waited.');
  assert.deepEqual(offered(edit), ['mine: Keep mine', 'theirs: Take theirs']);
});

test('an edit that waited past its key\'s life is done only when the user says so', () => {
  const edit = refused('finish-all', 'stale', 'This edit waited more than a day.');
  assert.equal(conflictNote(edit).text, 'This edit waited more than a day.');
  assert.deepEqual(offered(edit), ['mine: Do it now', 'theirs: Discard my edit']);
});

test('any other refusal says the service\'s error, and offers only to drop the edit', () => {
  const clash = refused('add', 422, 'Name is taken.');
  assert.equal(conflictNote(clash).text, 'Name is taken.');
  assert.deepEqual(offered(clash), ['theirs: Take theirs']);
  const gone = refused('clear-finished', 404, 'No such list.');
  assert.equal(conflictNote(gone).text, 'No such list.');
  assert.deepEqual(offered(gone), ['theirs: Discard my edit']);
});

test('a move of a todo someone else deleted may only be dropped', () => {
  const edit = { ...refused('move', 404), was: { name: 'Milk', finished: false } };
  assert.equal(conflictNote(edit).text, 'Someone else deleted “Milk” while your move waited.');
  assert.deepEqual(offered(edit), ['theirs: Discard my edit']);
});

test('a move after a todo that is gone leaves the server\'s order', () => {
  const edit = refused('move', 422, 'after is not a todo of this list.');
  assert.match(conflictNote(edit).text, /^The todo you put this one after was deleted or moved to another list/);
  assert.deepEqual(offered(edit), ['theirs: Take theirs']);
});

test('an edit refused because the user may only view the list says so and can only be dropped', () => {
  const edit = refused('update', 403, 'You can view this list but not change it: ask its owner to make you a member.');
  assert.equal(conflictNote(edit).text, 'You can view this list but not change it: ask its owner to make you a member.');
  assert.deepEqual(offered(edit), ['theirs: Discard my edit']);
});
