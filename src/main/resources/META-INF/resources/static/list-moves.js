// @ts-check
// Moving a list's todos on its page: by dragging a row's handle onto another row, or with Alt+↑ and
// Alt+↓ in a todo's name field. Either names where the todo goes (right after another todo, or
// first), says so to screen readers, and leaves the focus on the moved todo; the move itself is an
// edit of the outbox (list-page.js).
import { rowId } from './list-view.js';

/**
 * Puts the todo right after another, or first.
 * @callback Move
 * @param {number | string} todo
 * @param {number | string | null} after
 * @returns {void}
 */

/** @type {HTMLElement | null} */
let dragged = null;

/**
 * Lets the user move the list's todos.
 * @param {Move} move
 */
export function movable(move) {
  const todos = /** @type {HTMLElement} */ (document.getElementById('todos'));
  todos.classList.add('movable');
  /**
   * @param {HTMLElement} row
   * @param {HTMLElement | null} after
   */
  const moveRow = (row, after) => {
    move(rowId(row), after && rowId(after));
    const name = nameOf(row);
    announce(after ? `Moved “${name}” after “${nameOf(after)}”` : `Moved “${name}” to the top`);
    /** @type {HTMLElement | null} */ (row.querySelector('.todo-name'))?.focus();
  };
  todos.addEventListener('keydown', event => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const row = rowOf(event.target);
    if (!row) return;
    event.preventDefault();
    const shown = [...todos.children].filter(each => each === row || each.getClientRects().length > 0);
    const at = shown.indexOf(row);
    // One place among the todos the filter shows; a hidden one between them is passed over.
    if (event.key === 'ArrowDown' && at < shown.length - 1) moveRow(row, /** @type {HTMLElement} */ (shown[at + 1]));
    else if (event.key === 'ArrowUp' && at > 0) moveRow(row, rowBefore(todos, row, /** @type {HTMLElement} */ (shown[at - 1])));
  });
  todos.addEventListener('dragstart', event => {
    const handle = /** @type {Element} */ (event.target).closest?.('.drag-handle');
    dragged = handle ? rowOf(handle) : null;
    if (!dragged || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', nameOf(dragged));
    event.dataTransfer.setDragImage(dragged, 0, 0);
    dragged.classList.add('dragging');
  });
  todos.addEventListener('dragover', event => {
    if (!dragged || !rowOf(event.target)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
  });
  todos.addEventListener('drop', event => {
    const over = rowOf(event.target);
    const row = dragged;
    if (!row || !over) return;
    event.preventDefault();
    if (over === row) return;
    // Dropped on a row's lower half, it goes after that row; on its upper half, before it.
    const box = over.getBoundingClientRect();
    moveRow(row, event.clientY > box.top + box.height / 2 ? over : rowBefore(todos, row, over));
  });
  todos.addEventListener('dragend', () => {
    dragged?.classList.remove('dragging');
    dragged = null;
  });
}

/**
 * The row just before `other`, once `row` is taken out of the list; null when `other` is first.
 * @param {HTMLElement} todos
 * @param {HTMLElement} row
 * @param {HTMLElement} other
 * @returns {HTMLElement | null}
 */
function rowBefore(todos, row, other) {
  const rest = [...todos.children].filter(each => each !== row);
  return /** @type {HTMLElement | null} */ (rest[rest.indexOf(other) - 1] ?? null);
}

/** @param {EventTarget | null} target */
function rowOf(target) {
  return /** @type {HTMLElement | null} */ (/** @type {Element} */ (target)?.closest?.('#todos > li') ?? null);
}

/** @param {HTMLElement} row */
function nameOf(row) {
  return /** @type {HTMLInputElement} */ (row.querySelector('.todo-name')).defaultValue;
}

/** @param {string} text */
function announce(text) {
  const region = /** @type {HTMLElement} */ (document.getElementById('moved'));
  // The same words again (the same todo moved twice) are still news.
  region.textContent = region.textContent === text ? text + '\u00a0' : text;
}
