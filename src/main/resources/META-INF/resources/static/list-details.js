// @ts-check
// A todo's details on its list's page: when it is due, who it is for and its notes, shown under
// its name and edited in its details form. An edit sets only the fields the user changed, so
// two people changing different details of a todo do not undo each other.
import { setInputValue } from './list-view.js';

/** @typedef {import('./outbox.js').Todo} Todo */
/** @typedef {import('./outbox.js').Due} Due */

/**
 * The details a row was written with by the server.
 * @param {HTMLElement} row
 * @returns {{ due: Due | null, assignee: string | null, notes: string }}
 */
export function readDetails(row) {
  const { dueDate, dueTime, dueZone, assignee } = row.dataset;
  /** @type {Due | null} */
  const due = !dueDate ? null : dueTime ? { date: dueDate, time: dueTime, time_zone: dueZone } : { date: dueDate };
  const notes = /** @type {HTMLTextAreaElement} */ (row.querySelector('textarea[name="notes"]')).defaultValue;
  return { due, assignee: assignee || null, notes };
}

/**
 * What the details form changes of the todo as the page shows it: the fields that differ, none
 * when the user changed nothing.
 * @param {HTMLFormElement} form
 * @param {Todo} todo
 * @returns {{ due?: Due | null, assignee?: string | null, notes?: string | null }}
 */
export function detailsOf(form, todo) {
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  const date = value('due_date');
  const time = value('due_time');
  /** @type {Due | null} */
  const due = !date ? null : time ? { date, time, time_zone: value('due_zone') } : { date };
  /** @type {{ due?: Due | null, assignee?: string | null, notes?: string | null }} */
  const changes = {};
  if (dueText(due) !== dueText(todo.due)) changes.due = due;
  if ((value('assignee') || null) !== (todo.assignee ?? null)) changes.assignee = value('assignee') || null;
  if (value('notes') !== (todo.notes ?? '')) changes.notes = value('notes') || null;
  return changes;
}

/**
 * How a due reads, as the server writes it on the page.
 * @param {Due | null | undefined} due
 */
export function dueText(due) {
  if (!due) return '';
  return 'due ' + due.date + (due.time ? ` ${due.time} (${due.time_zone})` : '');
}

/**
 * Shows a todo's details in its row: the line under its name and the form's fields (what someone
 * is typing there stays).
 * @param {HTMLElement} row
 * @param {Todo} todo
 * @param {string} zone the user's time zone, for a due time the todo has no zone for yet
 */
export function showDetails(row, todo, zone) {
  const meta = /** @type {HTMLElement} */ (row.querySelector('.todo-meta'));
  const parts = [];
  if (todo.due) parts.push(part('due', dueText(todo.due)));
  if (todo.assignee) parts.push(part('assignee', 'for ' + todo.assignee));
  if (todo.notes) parts.push(part('has-notes', 'notes'));
  meta.replaceChildren(...parts);
  const form = /** @type {HTMLFormElement} */ (row.querySelector('form.details'));
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  const dueZone = todo.due?.time_zone ?? zone;
  setInputValue(field('due_date'), todo.due?.date ?? '');
  setInputValue(field('due_time'), todo.due?.time ?? '');
  field('due_zone').value = dueZone;
  /** @type {HTMLElement} */ (form.querySelector('.zone')).textContent = dueZone;
  setInputValue(field('notes'), todo.notes ?? '');
  const select = /** @type {HTMLSelectElement} */ (form.elements.namedItem('assignee'));
  if (todo.assignee && !select.querySelector(`option[value="${CSS.escape(todo.assignee)}"]`)) addOption(select, todo.assignee);
  [...select.options].forEach(option => { option.defaultSelected = option.value === (todo.assignee ?? ''); });
  if (document.activeElement !== select) select.value = todo.assignee ?? '';
  row.querySelector('.todo-details summary .visually-hidden')?.replaceChildren(': ' + todo.name);
}

/**
 * A member joined the list: todos can be given to them.
 * @param {string} username
 */
export function addAssignee(username) {
  document.querySelectorAll('select[name="assignee"]').forEach(select => {
    if (!select.querySelector(`option[value="${CSS.escape(username)}"]`)) addOption(/** @type {HTMLSelectElement} */ (select), username);
  });
  const template = /** @type {HTMLTemplateElement | null} */ (document.getElementById('todo-template'));
  const blank = template?.content.querySelector('select[name="assignee"]');
  if (blank && !blank.querySelector(`option[value="${CSS.escape(username)}"]`)) addOption(/** @type {HTMLSelectElement} */ (blank), username);
}

/**
 * A member left the list: the server took their todos from them first.
 * @param {string} username
 */
export function removeAssignee(username) {
  const template = /** @type {HTMLTemplateElement | null} */ (document.getElementById('todo-template'));
  [...document.querySelectorAll('select[name="assignee"]'), ...(template?.content.querySelectorAll('select[name="assignee"]') ?? [])]
    .forEach(select => select.querySelector(`option[value="${CSS.escape(username)}"]`)?.remove());
}

/**
 * @param {HTMLSelectElement} select
 * @param {string} username
 */
function addOption(select, username) {
  const option = document.createElement('option');
  option.value = option.textContent = username;
  select.append(option);
}

/**
 * @param {string} className
 * @param {string} text
 */
function part(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}
