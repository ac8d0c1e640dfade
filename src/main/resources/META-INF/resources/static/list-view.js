// @ts-check
// What a list's page shows of its outbox (outbox.js's view): a row for each todo, in list order,
// marked while an edit to it waits, with a note and the user's choices when one was refused; the
// refused edits that no row can show; how many todos are left; and how many edits wait.
import { showDetails } from './list-details.js';
import { OP, view } from './outbox.js';
import { connected } from './socket.js';

/** @typedef {import('./outbox.js').Edit} Edit */
/** @typedef {import('./outbox.js').Todo} Todo */

/**
 * Shows the confirmed list with every edit not confirmed yet applied in order.
 * @param {string} list the list's id
 * @param {Map<number, Todo>} confirmed
 * @param {Edit[]} edits
 * @param {Set<number | string>} gone
 */
export function showList(list, confirmed, edits, gone) {
  const shown = view(confirmed, edits, gone);
  const todos = /** @type {HTMLElement} */ (document.getElementById('todos'));
  shown.numbered.forEach((id, temporary) => {
    const row = /** @type {HTMLElement | null} */ (todos.querySelector(`li[data-id="${temporary}"]`));
    if (row && !todos.querySelector(`li[data-id="${id}"]`)) Object.assign(row.dataset, { id, shown: '' });
  });
  const rows = new Map([...todos.children].map(row => [rowId(/** @type {HTMLElement} */ (row)), /** @type {HTMLElement} */ (row)]));
  rows.forEach((row, id) => { if (!shown.todos.has(id)) removeTodo(row); });
  const focused = document.activeElement;
  let next = todos.firstElementChild;
  shown.todos.forEach(todo => {
    const row = showTodo(list, todo, rows.get(todo.id));
    if (row === next) next = row.nextElementSibling;
    else todos.insertBefore(row, next);
  });
  // A row put elsewhere in the list loses the focus, which stays with its todo.
  if (focused instanceof HTMLElement && focused !== document.activeElement && todos.contains(focused)) focused.focus();
  const left = [...shown.todos.values()].filter(todo => !todo.finished).length;
  setText(document.getElementById('left'), left + (left === 1 ? ' item left' : ' items left'));
  showUnplaced(shown.unplaced);
  showWaiting(edits);
}

/**
 * An added todo got its number: its row takes it, unless the todo already has a row.
 * @param {string} temporary
 * @param {number} id
 */
export function renumberRow(temporary, id) {
  const row = /** @type {HTMLElement | null} */ (document.querySelector(`#todos > li[data-id="${temporary}"]`));
  if (row && document.querySelector(`#todos > li[data-id="${id}"]`)) removeTodo(row);
  else if (row) Object.assign(row.dataset, { id, shown: '' });
}

/**
 * The todo's id a row shows: its number, or its temporary id until it has one.
 * @param {HTMLElement} row
 * @returns {number | string}
 */
export function rowId(row) {
  return /^\d+$/.test(row.dataset.id ?? '') ? Number(row.dataset.id) : /** @type {string} */ (row.dataset.id);
}

/**
 * Someone typing in a field keeps what they typed; the field's saved value still moves on.
 * @param {HTMLInputElement | null} input
 * @param {string} value
 */
export function setInputValue(input, value) {
  if (!input) return;
  if (document.activeElement === input && input.value !== input.defaultValue) input.defaultValue = value;
  else input.defaultValue = input.value = value;
}

/**
 * What the waiting note says; a choice to make is worth saying.
 * @param {number} waiting edits not answered yet
 * @param {number} choices those refused, waiting for the user's choice
 */
export function waitingText(waiting, choices) {
  return (waiting === 1 ? '1 edit waiting to be sent' : waiting + ' edits waiting to be sent')
      + (choices ? (choices === 1 ? ', 1 needs your choice' : `, ${choices} need your choice`) : '');
}

/**
 * What a refused edit's note says, and the choices it offers: `mine` sends it again, `theirs` drops it.
 * @param {Edit} edit
 * @returns {{ text: string, choices: { value: 'mine' | 'theirs', label: string }[] }}
 */
export function conflictNote(edit) {
  const { status, error } = /** @type {NonNullable<Edit['conflict']>} */ (edit.conflict);
  const text = status === 412 ? 'Someone else changed this todo while your edit waited.'
      : status === 404 && edit.op === OP.UPDATE ? 'Someone else deleted this todo while your edit waited.'
      : status === 404 && edit.op === OP.MOVE ? `Someone else deleted “${edit.was?.name}” while your move waited.`
      : status === 422 && edit.op === OP.MOVE ? 'The todo you put this one after was deleted or moved to another list: it stays where the list has it.'
      : error;
  /** @type {{ value: 'mine' | 'theirs', label: string }[]} */
  const choices = [];
  // Keeping mine means sending it again over theirs: possible when they changed or deleted the todo.
  if (status === 412 || (status === 404 && edit.op === OP.UPDATE)) choices.push({ value: 'mine', label: 'Keep mine' });
  if (status === 'stale') choices.push({ value: 'mine', label: 'Do it now' });
  const discard = status === 'stale' || status === 403 || (status === 404 && edit.op !== OP.UPDATE);
  choices.push({ value: 'theirs', label: discard ? 'Discard my edit' : 'Take theirs' });
  return { text, choices };
}

/**
 * @param {Element | null} element
 * @param {string} text
 */
function setText(element, text) {
  if (element && element.textContent !== text) element.textContent = text;
}

/**
 * A todo as the page shows it: confirmed, waiting to be sent, or in conflict. Answers its row,
 * which the caller puts in its place.
 * @param {string} list
 * @param {Todo} todo
 * @param {HTMLElement | undefined} row
 * @returns {HTMLElement}
 */
function showTodo(list, todo, row) {
  const shown = JSON.stringify([todo.name, todo.finished, todo.due, todo.assignee, todo.notes, Boolean(todo.waiting), todo.conflict?.seq, todo.conflict?.conflict?.status]);
  if (row && row.dataset.shown === shown) return row;
  if (!row) {
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById('todo-template'));
    row = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
  }
  row.dataset.shown = shown;
  const base = `/app/lists/${list}/todos/${todo.id}/`;
  row.dataset.id = String(todo.id);
  row.classList.toggle('done', todo.finished);
  row.classList.toggle('waiting', Boolean(todo.waiting));
  /** @type {HTMLFormElement} */ (row.querySelector('form.tick')).action = base + 'finished';
  /** @type {HTMLFormElement} */ (row.querySelector('form.rename')).action = base + 'rename';
  /** @type {HTMLFormElement} */ (row.querySelector('form.delete')).action = base + 'delete';
  /** @type {HTMLInputElement} */ (row.querySelector('input[name="finished"]')).value = String(!todo.finished);
  const tick = /** @type {HTMLElement} */ (row.querySelector('.tick-button'));
  tick.setAttribute('aria-pressed', String(todo.finished));
  tick.setAttribute('aria-label', 'Done: ' + todo.name);
  row.querySelector('form.rename button')?.setAttribute('aria-label', 'Rename: ' + todo.name);
  row.querySelector('form.delete button')?.setAttribute('aria-label', 'Delete: ' + todo.name);
  row.querySelector('.drag-handle')?.setAttribute('title', 'Drag to move: ' + todo.name);
  const name = /** @type {HTMLInputElement} */ (row.querySelector('.todo-name'));
  name.id = 'todo-' + todo.id;
  /** @type {HTMLLabelElement} */ (row.querySelector('form.rename label')).htmlFor = name.id;
  setInputValue(name, todo.name);
  /** @type {HTMLFormElement} */ (row.querySelector('form.details')).action = base + 'details';
  showDetails(row, todo, /** @type {HTMLElement} */ (document.querySelector('[data-page]')).dataset.timeZone ?? 'UTC');
  showConflict(row, todo.conflict);
  return row;
}

/** @param {HTMLElement} row */
function removeTodo(row) {
  const hadFocus = row.contains(document.activeElement);
  row.remove();
  if (hadFocus) document.getElementById('new-todo')?.focus();
}

/**
 * Someone else changed or deleted the todo, or took the list away: the user chooses.
 * @param {HTMLElement} row
 * @param {Edit | undefined} edit
 */
function showConflict(row, edit) {
  let note = /** @type {HTMLElement | null} */ (row.querySelector('.conflict'));
  if (!edit) {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement('div');
    note.className = 'conflict';
    note.setAttribute('role', 'alert');
    row.append(note);
  }
  fillConflict(note, edit, /** @type {HTMLInputElement} */ (row.querySelector('.todo-name')).value);
}

/**
 * Built once per conflict, so a change to the todo meanwhile neither moves the focus nor repeats the alert.
 * @param {HTMLElement} note
 * @param {Edit} edit
 * @param {string} name the todo's, for the buttons' labels; none for an edit without a row
 */
function fillConflict(note, edit, name) {
  const status = edit.conflict?.status;
  if (note.dataset.edit === `${edit.seq}:${status}`) {
    note.querySelectorAll('button[data-choice]').forEach(button => {
      if (name) button.setAttribute('aria-label', `${button.textContent}: ${name}`);
    });
    return;
  }
  note.dataset.edit = `${edit.seq}:${status}`;
  const { text, choices } = conflictNote(edit);
  const said = document.createElement('p');
  said.textContent = text;
  note.replaceChildren(said, ...choices.map(({ value, label }) => choice(edit, value, label, name)));
}

/**
 * @param {Edit} edit
 * @param {string} value
 * @param {string} label
 * @param {string} name
 */
function choice(edit, value, label, name) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = value === 'mine' ? 'keep-mine' : 'quiet take-theirs';
  button.textContent = label;
  if (name) button.setAttribute('aria-label', `${label}: ${name}`);
  button.dataset.seq = String(edit.seq);
  button.dataset.choice = value;
  return button;
}

/** @param {Edit[]} unplaced */
function showUnplaced(unplaced) {
  const list = /** @type {HTMLElement} */ (document.getElementById('conflicts'));
  const wanted = new Map(unplaced.map(edit => [`${edit.seq}:${edit.conflict?.status}`, edit]));
  [...list.children].forEach(item => { if (!wanted.delete(/** @type {HTMLElement} */ (item).dataset.edit ?? '')) item.remove(); });
  wanted.forEach(edit => {
    const item = document.createElement('li');
    item.className = 'conflict';
    item.setAttribute('role', 'alert');
    fillConflict(item, edit, '');
    list.append(item);
  });
}

// Tells how many edits wait; while connected, an edit answered within a second is not worth announcing.
/** @type {ReturnType<typeof setTimeout> | undefined} */
let waitingTimer;

/** @param {Edit[]} edits */
function showWaiting(edits) {
  const element = /** @type {HTMLElement} */ (document.getElementById('waiting'));
  const waiting = edits.filter(edit => !edit.done).length;
  const choices = edits.filter(edit => edit.conflict).length;
  clearTimeout(waitingTimer);
  if (!waiting) {
    element.hidden = true;
    setText(element, '');
    return;
  }
  const text = waitingText(waiting, choices);
  const showNow = () => { element.hidden = false; setText(element, text); };
  if (!element.hidden || choices || !connected()) showNow();
  else waitingTimer = setTimeout(showNow, 1000);
}
