// The activity's sentences (static/activity.js) without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, describeChange } from '../../main/resources/META-INF/resources/static/activity.js';

const nowhere = () => undefined;

function todoChange(type, data, by = 'alice') {
  return { type, by, data };
}

test('a todo followed from its creation is described by what changed', () => {
  const known = {};
  assert.equal(describeChange(todoChange('todo.created', { id: 1, name: 'Milk', finished: false }), known, nowhere), 'alice added “Milk”');
  assert.equal(describeChange(todoChange('todo.updated', { id: 1, name: 'Oat milk', finished: false }, 'bob'), known, nowhere),
    'bob renamed “Milk” to “Oat milk”');
  assert.equal(describeChange(todoChange('todo.updated', { id: 1, name: 'Oat milk', finished: true }), known, nowhere), 'alice ticked “Oat milk”');
  assert.equal(describeChange(todoChange('todo.updated', { id: 1, name: 'Oat milk', finished: false }), known, nowhere), 'alice unticked “Oat milk”');
  assert.equal(describeChange(todoChange('todo.deleted', { id: 1 }), known, nowhere), 'alice deleted “Oat milk”');
  assert.deepEqual(known, {});
});

test('a todo older than the history shown is named as the page shows it, or not at all', () => {
  assert.equal(describeChange(todoChange('todo.updated', { id: 2, name: 'Eggs', finished: true }), {}, nowhere), 'alice ticked “Eggs”');
  assert.equal(describeChange(todoChange('todo.updated', { id: 2, name: 'Eggs', finished: false }), {}, nowhere), 'alice changed “Eggs”');
  assert.equal(describeChange(todoChange('todo.deleted', { id: 2 }), {}, id => (id === 2 ? 'Eggs' : undefined)), 'alice deleted “Eggs”');
  assert.equal(describeChange(todoChange('todo.deleted', { id: 3 }), {}, nowhere), 'alice deleted a todo');
});

test('membership changes say who did what to whom', () => {
  assert.equal(describeChange(todoChange('member.added', { username: 'alice', role: 'owner' }), {}, nowhere), 'alice made the list');
  assert.equal(describeChange(todoChange('member.added', { username: 'bob', role: 'member' }), {}, nowhere), 'alice shared the list with bob');
  assert.equal(describeChange(todoChange('member.added', { username: 'bob', role: 'member' }, 'bob'), {}, nowhere), 'bob joined');
  assert.equal(describeChange(todoChange('member.removed', { username: 'bob' }, 'bob'), {}, nowhere), 'bob left');
  assert.equal(describeChange(todoChange('member.updated', { username: 'bob', role: 'viewer' }), {}, nowhere), 'alice made bob a viewer');
  assert.equal(describeChange(todoChange('member.updated', { username: 'bob', role: 'member' }), {}, nowhere), 'alice let bob edit');
  assert.equal(describeChange(todoChange('member.updated', { username: 'bob', role: 'owner' }), {}, nowhere), 'alice passed the list on to bob');
  assert.equal(describeChange(todoChange('member.updated', { username: 'alice', role: 'member' }), {}, nowhere), null);
  assert.equal(describeChange(todoChange('member.removed', { username: 'bob' }), {}, nowhere), 'alice removed bob');
  assert.equal(describeChange({ type: 'list.updated', data: { name: 'Shop' } }, {}, nowhere), 'someone renamed the list to “Shop”');
  assert.equal(describeChange({ type: 'list.deleted', by: 'alice', data: {} }, {}, nowhere), null);
});

test('a time is just now for a minute, then minutes, then hours, then its date', () => {
  const at = '2026-03-01T12:00:00Z';
  const made = Date.parse(at);
  assert.equal(ago(at, made - 5_000), 'just now', 'a clock a little behind the server');
  assert.equal(ago(at, made + 59_000), 'just now');
  assert.equal(ago(at, made + 60_000), '1 min ago');
  assert.equal(ago(at, made + 3_599_000), '59 min ago');
  assert.equal(ago(at, made + 7_200_000), '2 h ago');
  assert.equal(ago(at, made + 86_400_000), new Date(at).toLocaleDateString());
});

test('a move names the todo moved, and a renumbering the list', () => {
  const known = { 4: { name: 'Milk', finished: false } };
  assert.equal(describeChange(todoChange('todo.moved', { id: 4, position: '0000000000000000001V' }), known, nowhere),
    'alice moved “Milk”');
  assert.equal(describeChange(todoChange('todo.moved', { id: 5, position: 'x' }), known, id => (id === 5 ? 'Eggs' : undefined)),
    'alice moved “Eggs”');
  assert.equal(describeChange(todoChange('todo.moved', { id: 6, position: 'x' }), known, nowhere), 'alice moved a todo');
  assert.equal(describeChange(todoChange('list.reordered', { positions: {} }), known, nowhere), 'alice reordered the list');
});
