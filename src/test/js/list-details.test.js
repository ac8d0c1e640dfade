// A todo's details on its list's page (static/list-details.js), without a browser: how a due reads,
// and which fields a details form changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailsOf, dueText } from '../../main/resources/META-INF/resources/static/list-details.js';

/** A details form as the page has it, its fields by name. */
function form(fields) {
  return { elements: { namedItem: name => ({ value: fields[name] ?? '' }) } };
}

const todo = { id: 1, name: 'Tea', finished: false, due: { date: '2026-12-09' }, assignee: 'ann', notes: 'green' };
const unchanged = { due_date: '2026-12-09', due_time: '', due_zone: 'Europe/Paris', assignee: 'ann', notes: 'green' };

test('a due reads as the server writes it on the page', () => {
  assert.equal(dueText(null), '');
  assert.equal(dueText({ date: '2026-12-09' }), 'due 2026-12-09');
  assert.equal(dueText({ date: '2026-12-09', time: '09:30', time_zone: 'Europe/Paris', at: '2026-12-09T08:30:00Z' }), 'due 2026-12-09 09:30 (Europe/Paris)');
});

test('the details form changes only the fields that differ from the todo shown', () => {
  assert.deepEqual(detailsOf(form(unchanged), todo), {});
  assert.deepEqual(detailsOf(form({ ...unchanged, due_time: '09:30' }), todo), { due: { date: '2026-12-09', time: '09:30', time_zone: 'Europe/Paris' } });
  assert.deepEqual(detailsOf(form({ ...unchanged, due_date: '', assignee: '' }), todo), { due: null, assignee: null });
  assert.deepEqual(detailsOf(form({ ...unchanged, notes: '' }), todo), { notes: null });
  assert.deepEqual(detailsOf(form({ ...unchanged, notes: 'black' }), { ...todo, notes: undefined }), { notes: 'black' });
});
