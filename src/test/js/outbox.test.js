// The outbox's rules (static/outbox.js) without a browser: node --test src/test/js/
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  KEY_KEPT_MS, OP, STAGE, answerOf, changed, comesBefore, dropTodo, intended, isStale, knownVersion, nextEdit, rebase, requestOf, unsettled, view,
} from '../../main/resources/META-INF/resources/static/outbox.js';

const LIST = 7;
let seq = 0;

function edit(op, fields = {}) {
  seq += 1;
  return { seq, list: LIST, op, key: 'k' + seq, made: 0, ...fields };
}

function confirmed(...todos) {
  return new Map(todos.map(todo => [todo.id, todo]));
}

const milk = { id: 1, name: 'Milk', finished: false, version: 3 };
const eggs = { id: 2, name: 'Eggs', finished: true, version: 5 };

test('an edit waiting shows at once, marked waiting, over the confirmed todo', () => {
  const shown = view(confirmed(milk), [edit('update', { todo: 1, finished: true, base: 3 })], new Set());
  assert.deepEqual(shown.todos.get(1), { id: 1, name: 'Milk', finished: true, version: 3, waiting: true });
  assert.equal(milk.finished, false, 'the confirmed todo itself is left as the server said');
});

test('an added todo shows under its temporary id until the server numbers it', () => {
  const add = edit('add', { todo: 'new-1', name: 'Bread', finished: false });
  assert.deepEqual(view(confirmed(milk), [add], new Set()).todos.get('new-1'),
    { id: 'new-1', name: 'Bread', finished: false, waiting: true });
});

test('an added todo whose change came before its answer takes the number the server gave it', () => {
  const add = edit('add', { todo: 'new-1', name: 'Bread', finished: false });
  const bread = { id: 9, name: 'Bread', finished: false, version: 1 };
  const shown = view(confirmed(milk, bread), [add], new Set());
  assert.equal(shown.numbered.get('new-1'), 9);
  assert.equal(shown.todos.has('new-1'), false);
});

test('an added todo deleted meanwhile is not shown again', () => {
  const add = edit('add', { todo: 9, name: 'Bread', finished: false, done: {} });
  assert.equal(view(confirmed(milk), [add], new Set([9])).todos.has(9), false);
});

test('finish-all and clear-finished apply to every todo the page shows', () => {
  const shown = view(confirmed(milk, eggs), [edit('finish-all', { finished: true })], new Set());
  assert.deepEqual([...shown.todos.values()].map(todo => todo.finished), [true, true]);
  const cleared = view(confirmed(milk, eggs), [edit('clear-finished')], new Set());
  assert.deepEqual([...cleared.todos.keys()], [1]);
});

test('a refused edit stays on its todo for the user to choose, and elsewhere once the todo is gone', () => {
  const refused = edit('update', { todo: 1, name: 'Oat milk', base: 2, was: { name: 'Milk', finished: false },
    conflict: { status: 412, error: 'changed' } });
  assert.equal(view(confirmed(milk), [refused], new Set()).todos.get(1).conflict, refused);
  const shown = view(confirmed(milk), [refused, edit('delete', { todo: 1 })], new Set());
  assert.deepEqual(shown.unplaced, [refused]);
});

test('a refused update of a todo deleted meanwhile shows the todo as the user meant it', () => {
  const refused = edit('update', { todo: 4, name: 'Tea', base: 1, was: { name: 'Coffee', finished: true },
    conflict: { status: 404, error: 'gone' } });
  const shown = view(confirmed(milk), [refused], new Set());
  assert.deepEqual({ ...shown.todos.get(4), conflict: undefined }, { id: 4, name: 'Tea', finished: true, conflict: undefined });
});

test('edits go in order, past those waiting for a choice or for their todo to be numbered', () => {
  const choosing = edit('update', { todo: 1, finished: true, conflict: { status: 412, error: '' } });
  const unnumbered = edit('update', { todo: 'new-3', finished: true });
  const next = edit('delete', { todo: 2 });
  assert.equal(nextEdit([choosing, unnumbered, next]), next);
  assert.equal(nextEdit([edit('add', { todo: 'new-5', name: 'x', finished: false }), next]).op, 'add');
  assert.equal(nextEdit([{ ...next, done: {} }]), undefined);
});

test('each kind of edit is its request', () => {
  assert.deepEqual(requestOf(edit('add', { name: 'Tea', finished: false })), ['POST', '/lists/7/todos/', { name: 'Tea', finished: false }]);
  assert.deepEqual(requestOf(edit('update', { todo: 1, name: 'Tea' })), ['PATCH', '/todos/1', { name: 'Tea' }]);
  assert.deepEqual(requestOf(edit('update', { todo: 1, finished: false })), ['PATCH', '/todos/1', { finished: false }]);
  assert.deepEqual(requestOf(edit('delete', { todo: 1 })), ['DELETE', '/todos/1']);
  assert.deepEqual(requestOf(edit('finish-all', { finished: true })), ['PATCH', '/lists/7/todos/', { finished: true }]);
  assert.deepEqual(requestOf(edit('clear-finished')), ['DELETE', '/lists/7/todos/?finished=true']);
});

test('an update changes the fields it has, and means the todo as it was otherwise', () => {
  assert.deepEqual(changed({ name: 'Tea' }), { name: 'Tea' });
  assert.deepEqual(changed({ finished: true }), { finished: true });
  assert.deepEqual(changed({ seq: 1, op: 'update', todo: 3, due: null, notes: 'two bags' }), { due: null, notes: 'two bags' });
  assert.deepEqual(intended(edit('update', { finished: true, was: { name: 'Milk', finished: false } })), { name: 'Milk', finished: true });
  const was = { name: 'Milk', finished: false, due: { date: '2026-12-09' }, assignee: 'ann', notes: '' };
  assert.deepEqual(intended(edit('update', { assignee: null, was })), { ...was, assignee: null });
});

test('details are sent as the fields the user changed, and an add made again keeps them', () => {
  const due = { date: '2026-12-09', time: '09:30', time_zone: 'Europe/Paris' };
  assert.deepEqual(requestOf(edit('update', { todo: 1, due, assignee: 'ann' })), ['PATCH', '/todos/1', { due, assignee: 'ann' }]);
  assert.deepEqual(requestOf(edit('add', { name: 'Tea', finished: false, due, notes: 'green' })), ['POST', '/lists/7/todos/', { name: 'Tea', finished: false, due, notes: 'green' }]);
});

test('an update of a todo\'s details shows at once over the confirmed todo, waiting', () => {
  const confirmed = new Map([[1, { id: 1, name: 'Tea', finished: false, version: 1, due: null, assignee: null, notes: '' }]]);
  const shown = view(confirmed, [edit('update', { todo: 1, due: { date: '2026-12-09' }, notes: 'green' })], new Set()).todos.get(1);
  assert.deepEqual(shown, { id: 1, name: 'Tea', finished: false, version: 1, due: { date: '2026-12-09' }, assignee: null, notes: 'green', waiting: true });
});

test('an edit is stale once it waited longer than the service keeps its key; one without a time counts from its number', () => {
  assert.equal(isStale({ made: 1_000 }, 1_000 + KEY_KEPT_MS), false);
  assert.equal(isStale({ made: 1_000 }, 1_001 + KEY_KEPT_MS), true);
  assert.equal(isStale({ seq: 5_000_000 }, 5_001 + KEY_KEPT_MS), true);
});

test('the version an update expects is the newest the user saw: the server\'s or their own answered edit\'s', () => {
  assert.equal(knownVersion([], confirmed(milk), 1), 3);
  assert.equal(knownVersion([edit('update', { todo: 1, finished: true, done: { version: 6 } })], confirmed(milk), 1), 6);
  assert.equal(knownVersion([], confirmed(milk), 'new-2'), null);
});

test('an answered edit moves the later edits of its todos to the version it made, and no others', () => {
  const answered = edit('update', { todo: 1, finished: true, base: 3, done: { version: 4 } });
  const later = edit('update', { todo: 1, name: 'Oat milk', base: 3 });
  const other = edit('update', { todo: 2, name: 'Duck eggs', base: 5 });
  const earlier = { ...later, seq: 0 };
  assert.deepEqual(rebase([earlier, answered, later, other], answered, new Map([[1, 4]])), [later]);
  assert.equal(later.base, 4);
  assert.equal(other.base, 5);
  assert.equal(earlier.base, 3);
});

test('an answered edit is dropped once the confirmed list shows it, and not before', () => {
  const update = edit('update', { todo: 1, finished: true, done: { version: 4 } });
  assert.deepEqual(unsettled([update], confirmed(milk), new Set(), 10), [update]);
  assert.deepEqual(unsettled([update], confirmed({ ...milk, version: 4 }), new Set(), 10), []);
  const add = edit('add', { todo: 9, name: 'Bread', done: {} });
  assert.deepEqual(unsettled([add], confirmed(milk), new Set(), 10), [add]);
  assert.deepEqual(unsettled([add], confirmed(milk), new Set([9]), 10), []);
  const bulk = edit('finish-all', { finished: true, done: { version: 12 } });
  assert.deepEqual(unsettled([bulk], confirmed(milk), new Set(), 11), [bulk]);
  assert.deepEqual(unsettled([bulk], confirmed(milk), new Set(), 12), []);
  const waiting = edit('delete', { todo: 1 });
  assert.deepEqual(unsettled([waiting], new Map(), new Set(), 12), [waiting]);
});

test('the list page\'s forms ask only for edits the outbox knows, and for each of them', () => {
  const templates = new URL('../../main/resources/templates/', import.meta.url);
  const asked = new Set(['pages', 'tags'].flatMap(folder => readdirSync(new URL(folder + '/', templates))
    .flatMap(file => [...readFileSync(new URL(`${folder}/${file}`, templates), 'utf8').matchAll(/data-outbox="([^"]*)"/g)].map(match => match[1]))));
  assert.deepEqual([...asked, OP.MOVE].sort(), Object.values(OP).sort(), 'every edit but a move, made by dragging or the keyboard');
});

function answer(status, { redirected = false, retryAfter = false } = {}) {
  return { status, ok: status >= 200 && status < 300, redirected, headers: new Headers(retryAfter ? { 'Retry-After': '1' } : {}) };
}

test('an edit the service cannot take now waits to be sent again as it is', () => {
  const update = edit('update', { todo: 1, finished: true, base: 3 });
  for (const busy of [answer(500), answer(503), answer(429), answer(409, { retryAfter: true })]) {
    assert.equal(answerOf(update, busy), STAGE.WAITING, `status ${busy.status}`);
  }
});

test('an edit the service took is done; a refused one is a conflict for the user', () => {
  const update = edit('update', { todo: 1, finished: true, base: 3 });
  assert.equal(answerOf(update, answer(200)), STAGE.DONE);
  assert.equal(answerOf(update, answer(412)), STAGE.CONFLICT);
  assert.equal(answerOf(update, answer(404)), STAGE.CONFLICT);
  assert.equal(answerOf(update, answer(409)), STAGE.CONFLICT, 'a 409 without Retry-After is a refusal');
});

test('an add answered by a redirect to its todo is done, even when the todo is deleted already', () => {
  const add = edit('add', { todo: 'new-1', name: 'Bread', finished: false });
  assert.equal(answerOf(add, answer(200, { redirected: true })), STAGE.DONE);
  assert.equal(answerOf(add, answer(404, { redirected: true })), STAGE.DONE);
  assert.equal(answerOf(add, answer(422)), STAGE.CONFLICT);
});

test('a delete of a todo deleted already is done', () => {
  assert.equal(answerOf(edit('delete', { todo: 1 }), answer(404)), STAGE.DONE);
});

test('a list shows its todos in the order of the places the server gave them, then by id, new ones last', () => {
  const moved = { id: 9, position: '0000000000000000001V' };
  const first = { id: 1, position: '0000000000000000001' };
  const second = { id: 2, position: '0000000000000000002' };
  const waiting = { id: 'new-3' };
  const shown = [waiting, second, moved, first].sort((a, b) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0));
  assert.deepEqual(shown.map(todo => todo.id), [1, 9, 2, 'new-3']);
  assert.equal(comesBefore(first, first), false, 'a todo is not before itself');
  assert.equal(comesBefore({ id: 4, position: 'x' }, { id: 5, position: 'x' }), true, 'one place: by id');
});

const a = { id: 1, name: 'A', finished: false, version: 1, position: '1' };
const b = { id: 2, name: 'B', finished: false, version: 1, position: '2' };
const c = { id: 3, name: 'C', finished: false, version: 1, position: '3' };

function order(shown) {
  return [...shown.todos.keys()];
}

test('the page shows the todos in list order, whatever order the confirmed list holds them in', () => {
  assert.deepEqual(order(view(confirmed(c, a, b), [], new Set())), [1, 2, 3]);
});

test('a move shows at once, right after the todo named, marked waiting', () => {
  const shown = view(confirmed(a, b, c), [edit('move', { todo: 1, after: 2 })], new Set());
  assert.deepEqual(order(shown), [2, 1, 3]);
  assert.equal(shown.todos.get(1).waiting, true);
  assert.equal(shown.todos.get(2).waiting, undefined, 'only the moved todo waits');
  assert.equal(shown.todos.get(1).position, '1', 'the key is the server\'s to make');
});

test('a move after none puts the todo first; moves apply in order, over the confirmed order', () => {
  assert.deepEqual(order(view(confirmed(a, b, c), [edit('move', { todo: 3, after: null })], new Set())), [3, 1, 2]);
  const both = [edit('move', { todo: 3, after: null }), edit('move', { todo: 1, after: 3 })];
  assert.deepEqual(order(view(confirmed(a, b, c), both, new Set())), [3, 1, 2]);
  const answered = edit('move', { todo: 2, after: 3, done: { position: '4' } });
  const shown = view(confirmed(a, b, c), [answered], new Set());
  assert.deepEqual(order(shown), [1, 3, 2]);
  assert.equal(shown.todos.get(2).waiting, undefined, 'answered, it waits no more');
});

test('a todo added on the page can be moved, and others moved after it, before it has its number', () => {
  const add = edit('add', { todo: 'new-1', name: 'D', finished: false });
  const shown = view(confirmed(a, b), [add, edit('move', { todo: 'new-1', after: 1 }), edit('move', { todo: 2, after: null })], new Set());
  assert.deepEqual(order(shown), [2, 1, 'new-1']);
  const numbered = view(confirmed(a, b, { id: 9, name: 'D', finished: false, version: 1, position: '9' }),
    [{ ...add, done: {} }, edit('move', { todo: 'new-1', after: null })], new Set());
  assert.deepEqual(order(numbered), [9, 1, 2], 'the move follows the number its todo was given');
});

test('a move after a todo no longer shown, or of one gone, leaves the order as it is', () => {
  assert.deepEqual(order(view(confirmed(a, b, c), [edit('move', { todo: 1, after: 7 })], new Set())), [1, 2, 3]);
  assert.deepEqual(order(view(confirmed(a, b, c), [edit('delete', { todo: 3 }), edit('move', { todo: 1, after: 3 })], new Set())), [1, 2]);
  assert.deepEqual(order(view(confirmed(b, c), [edit('move', { todo: 1, after: 3 })], new Set())), [2, 3]);
});

test('a refused move leaves the server\'s order, its note on the todo or, the todo deleted, apart', () => {
  const refused = edit('move', { todo: 1, after: 3, conflict: { status: 422, error: 'gone' } });
  const shown = view(confirmed(a, b, c), [refused], new Set());
  assert.deepEqual(order(shown), [1, 2, 3]);
  assert.equal(shown.todos.get(1).conflict, refused);
  const deleted = edit('move', { todo: 4, after: 1, conflict: { status: 404, error: 'gone' } });
  assert.deepEqual(view(confirmed(a), [deleted], new Set()).unplaced, [deleted]);
});

test('a move is sent once its todo and the one it goes after have their numbers', () => {
  const move = edit('move', { todo: 1, after: 'new-2' });
  const later = edit('delete', { todo: 3 });
  assert.equal(nextEdit([move, later]), later);
  assert.equal(nextEdit([edit('move', { todo: 'new-2', after: 1 }), later]), later);
  assert.equal(nextEdit([edit('move', { todo: 1, after: null }), later]).op, 'move');
});

test('a move is a POST naming the todo it goes after, or null for first, with no If-Match to meet', () => {
  assert.deepEqual(requestOf(edit('move', { todo: 4, after: 2 })), ['POST', '/todos/4/move', { after: 2 }]);
  assert.deepEqual(requestOf(edit('move', { todo: 4, after: null })), ['POST', '/todos/4/move', { after: null }]);
});

test('a move taken is done; refused, for a todo deleted or a place gone, it is the user\'s to drop', () => {
  const move = edit('move', { todo: 1, after: 2 });
  assert.equal(answerOf(move, answer(200)), STAGE.DONE);
  assert.equal(answerOf(move, answer(404)), STAGE.CONFLICT);
  assert.equal(answerOf(move, answer(422)), STAGE.CONFLICT);
  assert.equal(answerOf(move, answer(503)), STAGE.WAITING);
});

test('an answered move is settled once the confirmed todo has its place, or the list the version after it', () => {
  const move = edit('move', { todo: 1, after: 2, done: { position: '2V', version: 12 } });
  assert.deepEqual(unsettled([move], confirmed(a, b), new Set(), 11), [move]);
  assert.deepEqual(unsettled([move], confirmed({ ...a, position: '2V' }, b), new Set(), 11), []);
  assert.deepEqual(unsettled([move], confirmed({ ...a, position: '0A' }, b), new Set(), 12), [], 'moved again since');
  assert.deepEqual(unsettled([move], confirmed(b), new Set(), 11), [], 'deleted since');
  const unversioned = { ...move, done: { position: '2V' } };
  assert.deepEqual(unsettled([unversioned], confirmed(a, b), new Set(), 99), [unversioned]);
});

test('an added todo dropped unsent takes its edits along; moves after it go after the todo before it', () => {
  const add = edit('add', { todo: 'new-1', name: 'D', finished: false });
  const rename = edit('update', { todo: 'new-1', name: 'E' });
  const after = edit('move', { todo: 3, after: 'new-1' });
  const first = edit('move', { todo: 2, after: 'new-1' });
  const { kept, changed } = dropTodo([add, rename, after, first], 'new-1', [2, 'new-1', 3, 1]);
  assert.deepEqual(kept, [after, first]);
  assert.deepEqual(changed, [after, first]);
  assert.equal(after.after, 2);
  assert.equal(first.after, null, 'the todo before it was the moved todo itself');
});
