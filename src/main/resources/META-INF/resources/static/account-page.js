// @ts-check
// The Account page: its forms are plain forms; importing a document needs this script, which
// reads the chosen file and sends it to the API as it is (POST /user/import), then says what was
// made or what was wrong with the document.
import { describe, newKey } from './forms.js';

/** @typedef {import('./socket.js').LivePage} LivePage */

/**
 * Sets the page going; its connection only says whether it is live, and ends with the session.
 * @returns {LivePage}
 */
export function accountPage() {
  document.getElementById('import-form')?.addEventListener('submit', event => {
    event.preventDefault();
    importChosen(/** @type {HTMLFormElement} */ (event.target));
  });
  return { lastSeen: {}, hello() {}, change() {} };
}

/** @param {HTMLFormElement} form */
async function importChosen(form) {
  const file = /** @type {HTMLInputElement} */ (form.elements.namedItem('document')).files?.[0];
  const said = /** @type {HTMLElement} */ (document.getElementById('import-result'));
  if (!file) return;
  said.textContent = 'Importing…';
  try {
    const response = await fetch('/user/import', {
      method: 'POST',
      body: await file.text(),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': newKey() },
    });
    const body = await response.json().catch(() => ({}));
    said.textContent = response.ok ? importedText(body.lists) : describe(body);
  } catch (e) {
    said.textContent = 'livetodo cannot be reached; try again.';
  }
}

/**
 * What an import made, as the page says it.
 * @param {{ name: string, todos: number }[]} lists
 */
export function importedText(lists) {
  if (!lists.length) return 'The document has no lists: nothing was imported.';
  return 'Imported ' + lists.map(list => `“${list.name}” (${list.todos} ${list.todos === 1 ? 'todo' : 'todos'})`).join(', ') + '.';
}
