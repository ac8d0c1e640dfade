// @ts-check
// The page script of livetodo's pages: it keeps the page in step with the live connection (/live)
// and sends its forms without reloading it. A list's page (list-page.js) sends the edits to its
// todos through an outbox kept on the device, so they show at once and wait out a lost network
// (a viewer's, viewer-page.js, has nothing to send);
// the front page (lists-page.js) keeps the user's lists; the pages across them (views-page.js)
// read their view again when any of them changes. Every page logs out and works offline
// alike (device.js).
import { accountPage } from './account-page.js';
import { forgetAtLogOut, keepOffline } from './device.js';
import { enhanceForms } from './forms.js';
import { activityAsked } from './list-activity.js';
import { listPage } from './list-page.js';
import { listsPage } from './lists-page.js';
import { connect } from './socket.js';
import { viewerPage } from './viewer-page.js';
import { viewsPage } from './views-page.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const me = /** @type {string} */ (main.dataset.user);

forgetAtLogOut(me);
enhanceForms();
keepOffline(me, activityAsked);
const page = main.dataset.page;
const listFor = () => (main.dataset.role === 'viewer' ? viewerPage(main) : listPage(main));
connect(page === 'list' ? listFor() : page === 'views' ? viewsPage() : page === 'account' ? accountPage() : listsPage(me));
