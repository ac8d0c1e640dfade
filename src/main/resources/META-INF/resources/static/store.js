// @ts-check
// What a list's page keeps on the device, in one IndexedDB database per user: the outbox's edits
// still to settle, so they outlive a reload or a browser restart, and the last known state of each
// list opened, shown before the live connection has caught up. Keeping never fails the page: a
// private window may refuse IndexedDB, and then edits live as long as the page.

/** @typedef {import('./outbox.js').Edit} Edit */

/**
 * A list as the page last knew it.
 * @typedef {{ id: number, version: number, name: string, todos: import('./outbox.js').Todo[] }} Snapshot
 */

/** @type {Promise<IDBDatabase> | null} */
let opened = null;

/** @param {string} user */
function databaseOf(user) {
  return 'livetodo-' + user;
}

/**
 * Opens the user's database; nothing is kept or read before.
 * @param {string} user
 */
export function openStore(user) {
  opened = window.indexedDB ? new Promise((resolve, reject) => {
    const opening = indexedDB.open(databaseOf(user), 1);
    opening.onupgradeneeded = () => {
      opening.result.createObjectStore('edits', { keyPath: 'seq' });
      opening.result.createObjectStore('lists', { keyPath: 'id' });
    };
    opening.onsuccess = () => {
      // Logging out in another tab deletes the database: let it.
      opening.result.onversionchange = () => opening.result.close();
      resolve(opening.result);
    };
    opening.onerror = () => reject(opening.error);
  }) : Promise.reject(new Error('no IndexedDB'));
  opened.catch(() => {});
}

/**
 * @param {string} name
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest} work
 */
async function stored(name, mode, work) {
  if (!opened) throw new Error('no IndexedDB');
  const db = await opened;
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(name, mode);
    const request = work(transaction.objectStore(name));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
  });
}

/**
 * The edits kept, of every list; rejects when there is no database.
 * @returns {Promise<Edit[]>}
 */
export function savedEdits() {
  return stored('edits', 'readonly', all => all.getAll());
}

/**
 * The list as last kept, if it was; rejects when there is no database.
 * @param {number} id
 * @returns {Promise<Snapshot | undefined>}
 */
export function savedList(id) {
  return stored('lists', 'readonly', lists => lists.get(id));
}

/**
 * Keeps the edit, or keeps it again as it changed; its answer is the page's only.
 * @param {Edit} edit
 */
export function keepEdit(edit) {
  const { done, ...kept } = edit;
  return stored('edits', 'readwrite', all => all.put(kept)).catch(() => {});
}

/** @param {Edit} edit */
export function forgetEdit(edit) {
  return stored('edits', 'readwrite', all => all.delete(edit.seq)).catch(() => {});
}

/** @param {Snapshot} snapshot */
export function keepList(snapshot) {
  return stored('lists', 'readwrite', lists => lists.put(snapshot)).catch(() => {});
}

/**
 * Deletes the user's database, once this page has let go of it.
 * @param {string} user
 */
export async function deleteStore(user) {
  await opened?.then(db => db.close()).catch(() => {});
  await new Promise(resolve => {
    const deleting = indexedDB.deleteDatabase(databaseOf(user));
    deleting.onsuccess = deleting.onerror = deleting.onblocked = resolve;
  });
}
