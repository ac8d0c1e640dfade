// @ts-check
// A list's members as its page shows them: who is in it and with which role, the owner's forms for
// each (remove, make a viewer or let edit, make owner), who is looking at it, and whom its todos
// may be assigned to, kept in step with the live connection.
import { addAssignee, removeAssignee } from './list-details.js';

/**
 * Who else has the list's page open.
 * @param {string[]} users
 * @param {string} me
 */
export function showPresence(users, me) {
  const others = users.filter(user => user !== me);
  /** @type {HTMLElement} */ (document.getElementById('presence')).textContent = others.length ? 'Also here: ' + others.join(', ') : '';
}

/**
 * A member's role as the members' list and the assignee selects show it.
 * @param {{ username: string, role: string }} member
 */
export function showRole(member) {
  const row = document.querySelector(`#members > li[data-username="${CSS.escape(member.username)}"]`);
  row?.querySelector('.role')?.remove();
  if (member.role !== 'member') row?.querySelector('.member-name')?.insertAdjacentHTML('afterend', ' <span class="role"></span>');
  const role = row?.querySelector('.role');
  if (role) role.textContent = member.role;
  if (member.role === 'viewer') removeAssignee(member.username);
  else addAssignee(member.username);
  const form = row?.querySelector('form.change-role');
  if (form) {
    /** @type {HTMLInputElement} */ (form.querySelector('input[name="role"]')).value = member.role === 'viewer' ? 'member' : 'viewer';
    /** @type {HTMLElement} */ (form.querySelector('.role-action')).textContent = member.role === 'viewer' ? 'Let edit' : 'Make viewer';
  }
}

/**
 * A member joined: the members' list shows them, with the owner's forms for them.
 * @param {{ username: string, role: string }} member
 * @param {string} list the list's id
 */
export function showMember(member, list) {
  const members = /** @type {HTMLElement} */ (document.getElementById('members'));
  if (members.querySelector(`li[data-username="${CSS.escape(member.username)}"]`)) return;
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById('member-template'));
  const row = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
  row.dataset.username = member.username;
  row.querySelectorAll('input[name="username"]').forEach(input => { /** @type {HTMLInputElement} */ (input).value = member.username; });
  row.querySelectorAll('form.change-role .visually-hidden, form.owner .visually-hidden').forEach(label => { label.textContent = ' ' + member.username; });
  /** @type {HTMLElement} */ (row.querySelector('.member-name')).textContent = member.username;
  const remove = /** @type {HTMLFormElement | null} */ (row.querySelector('form.remove'));
  if (remove && member.role === 'owner') {
    remove.remove();
  } else if (remove) {
    remove.action = `/app/lists/${list}/members/${encodeURIComponent(member.username)}/remove`;
    /** @type {HTMLElement} */ (remove.querySelector('.visually-hidden')).textContent = ' ' + member.username;
  }
  members.appendChild(row);
}
