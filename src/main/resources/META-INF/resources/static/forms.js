// @ts-check
// The page's forms sent without reloading it (data-enhance), other than the list's edits to its
// todos, which go through the outbox (data-outbox). Each is sent with an Idempotency-Key; an
// error shows beside the form and is tied to its field.

let errorIds = 0;

/** Sends the page's enhanced forms in the background, and shows their errors. */
export function enhanceForms() {
  document.addEventListener('submit', async event => {
    const form = /** @type {HTMLFormElement} */ (event.target);
    if (!form.hasAttribute('data-enhance') || form.dataset.outbox) return;
    event.preventDefault();
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
    const error = form.querySelector('.form-error') || form.closest('li')?.querySelector('.form-error');
    const field = form.querySelector('input:not([type="hidden"])');
    const body = bodyOf(form);
    // The same form sent again while it is on its way (leaving a name's field, then its Rename
    // button) is the same edit; sent again after no answer came, it keeps its key, so it is
    // done once at most.
    if (form.dataset.sending === body.toString()) return;
    if (form.dataset.sent !== body.toString()) {
      form.dataset.key = newKey();
      form.dataset.sent = body.toString();
    }
    let response;
    form.dataset.sending = body.toString();
    try {
      response = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json', 'Idempotency-Key': form.dataset.key },
      });
    } catch (e) {
      say(error, field, 'livetodo cannot be reached; try again.');
      return;
    } finally {
      delete form.dataset.sending;
    }
    delete form.dataset.sent;
    if (response.ok) {
      form.dataset.saved = body.toString();
      say(error, field, '');
      if (form.dataset.then) location.assign(form.dataset.then);
      else if (form.hasAttribute('data-reset')) form.reset();
    } else if (response.status === 401) {
      location.assign('/');
    } else {
      const body = await response.json().catch(() => ({}));
      say(error, field, describe(body));
    }
  });
}

/**
 * The form's fields as a form posts them.
 * @param {HTMLFormElement} form
 */
export function bodyOf(form) {
  return new URLSearchParams(/** @type {any} */ (new FormData(form)));
}

/** A new Idempotency-Key: 128 random bits. */
export function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Shows a form's error and ties it to the form's field, or clears both.
 * @param {Element | null | undefined} element
 * @param {Element | null} field
 * @param {string} text
 */
function say(element, field, text) {
  if (!element) return;
  element.textContent = text;
  if (!field) return;
  if (text) {
    element.id ||= 'form-error-' + ++errorIds;
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', element.id);
  } else {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}

/**
 * What a refusal's JSON body says to the user: each field's error, else its error.
 * @param {{ error?: string, details?: { field: string, message: string }[] }} body
 */
export function describe(body) {
  if (body.details && body.details.length) {
    return body.details.map(d => d.field.charAt(0).toUpperCase() + d.field.slice(1) + ' ' + d.message + '.').join(' ');
  }
  return body.error || 'That did not work; reload the page and try again.';
}
