// livetodo's service worker: pages, their script and style, and the data of lists the user has
// opened are fetched from the network while there is one and kept; without a network the kept copy
// is shown. Edits made offline are not its job: the page script keeps them in IndexedDB and sends
// them itself, so an edit is never replayed behind the page's back.
'use strict';

const CACHE = 'livetodo-4';
const SHELL = [
  '/static/live.js',
  '/static/outbox.js',
  '/static/activity.js',
  '/static/store.js',
  '/static/socket.js',
  '/static/forms.js',
  '/static/device.js',
  '/static/lists-page.js',
  '/static/list-activity.js',
  '/static/list-view.js',
  '/static/list-moves.js',
  '/static/list-details.js',
  '/static/list-members.js',
  '/static/list-state.js',
  '/static/sender.js',
  '/static/list-page.js',
  '/static/views-page.js',
  '/static/account-page.js',
  '/static/viewer-page.js',
  '/static/style.css',
];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(name => name !== CACHE).map(name => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  // A request that asks for no stored answer (the page script checking the service) gets the service's or none.
  if (request.method !== 'GET' || request.cache === 'no-store' || url.origin !== location.origin || !kept(url.pathname)) return;
  event.respondWith(networkFirst(event));
});

// The shell, the pages, and a list's own data; never the live connection or the developer tools.
function kept(path) {
  return path === '/' || path.startsWith('/static/') || path.startsWith('/app/lists/') || /^\/lists\/\d+(\/|$)/.test(path);
}

// The cache is opened only to keep or drop a copy: opening it creates it, and one created by a
// request still on its way as the user logs out would outlive the log-out that deleted it.
async function networkFirst(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    // A page answers Vary: Accept, and a page kept from the script's own fetch asked for any type.
    const kept = await caches.match(request, { cacheName: CACHE, ignoreVary: true })
        || (request.mode === 'navigate' && await caches.match(request, { cacheName: CACHE, ignoreVary: true, ignoreSearch: true }));
    if (kept) return kept;
    if (request.mode !== 'navigate') throw offline;
    return new Response('<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Offline · livetodo</title>'
        + '<link rel="stylesheet" href="/static/style.css"><main id="main"><h1>You are offline</h1>'
        + '<p>This page has not been opened on this device yet. Lists you have opened work offline.</p></main></html>',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  // Kept in the background: a copy that cannot be kept (storage full) never costs the answer.
  // A navigation that redirects comes back as an 'opaqueredirect' (a page fetch follows no
  // redirect itself), never as one that was redirected.
  const sendsElsewhere = response.redirected || response.type === 'opaqueredirect';
  if (response.ok && !sendsElsewhere) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then(cache => cache.put(request, copy)).catch(() => {}));
  } else if (sendsElsewhere || response.status === 404 || response.status === 410) {
    // A page that now sends the visitor elsewhere (logged out, session revoked, list gone) is not to be shown offline either.
    event.waitUntil(caches.has(CACHE).then(has => has && caches.open(CACHE).then(cache => cache.delete(request, { ignoreVary: true }))));
  }
  return response;
}
