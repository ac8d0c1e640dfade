// @ts-check
// What this browser keeps of the user's beyond the page: the service worker with its copies of
// pages (so lists already opened work offline), and the list pages' IndexedDB (store.js). None of
// it outlives the user's log-out, and the pages kept are not shown to the next user of the browser.
import { bodyOf } from './forms.js';
import { deleteStore } from './store.js';

/**
 * Logs out from the page's log-out form, then forgets what the device kept. The log-out comes
 * first: without a network it fails, and the user stays logged in with every edit still waiting,
 * to be sent once the network is back.
 * @param {string} me
 */
export function forgetAtLogOut(me) {
  document.addEventListener('submit', async event => {
    const form = /** @type {HTMLFormElement} */ (event.target);
    if (!form.classList.contains('logout')) return;
    event.preventDefault();
    const error = /** @type {HTMLElement} */ (form.querySelector('.form-error'));
    let response;
    try {
      response = await fetch(form.action, { method: 'POST', body: bodyOf(form), redirect: 'manual' });
    } catch (offline) {
      error.textContent = 'You are offline: log out once the network is back. Your edits are kept until then.';
      return;
    }
    if (response.type !== 'opaqueredirect' && !response.ok) {
      error.textContent = 'Logging out failed; try again.';
      return;
    }
    await forgetEverything(me);
    location.assign('/');
  });
}

/**
 * Has the service worker keep pages for offline use, once those kept for whoever used this
 * browser before are forgotten.
 * @param {string} me
 * @param {string[]} asked what the page fetched besides itself for the worker to keep, as the page adds to it
 */
export function keepOffline(me, asked) {
  const othersForgotten = forgetOthersPages(me);
  navigator.serviceWorker?.register('/sw.js').catch(() => {});
  // The first visit is not the service worker's yet: once it is, it keeps this page and what else it asked for too.
  navigator.serviceWorker?.addEventListener('controllerchange', async () => {
    await othersForgotten;
    fetch(location.href, { headers: { Accept: 'text/html' } }).catch(() => {});
    asked.forEach(url => fetch(url, { headers: { Accept: 'application/json' } }).catch(() => {}));
  }, { once: true });
}

/**
 * Logging out leaves nothing of the user's lists on this device (the server also sends Clear-Site-Data).
 * @param {string} me
 */
async function forgetEverything(me) {
  await deleteStore(me);
  await navigator.serviceWorker?.getRegistrations()
    .then(registrations => Promise.all(registrations.map(registration => registration.unregister()))).catch(() => {});
  if (window.caches) await caches.keys().then(names => Promise.all(names.map(name => caches.delete(name)))).catch(() => {});
}

/**
 * Pages kept for whoever used this browser before are not this user's to see offline.
 * @param {string} me
 */
async function forgetOthersPages(me) {
  try {
    if (localStorage.getItem('livetodo-user') === me) return;
    localStorage.setItem('livetodo-user', me);
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const kept = await cache.keys();
      await Promise.all(kept.filter(request => !new URL(request.url).pathname.startsWith('/static/')).map(request => cache.delete(request)));
    }
  } catch (e) {
    // Without storage there is nothing kept to forget.
  }
}
