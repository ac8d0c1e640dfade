// @ts-check
// The front page's lists, kept in step with the live connection: a list shared with the user
// appears, a renamed one follows, one deleted or left goes.

/** @typedef {import('./socket.js').LivePage} LivePage */

/**
 * The front page, as the live connection sees it.
 * @param {string} me
 * @returns {LivePage}
 */
export function listsPage(me) {
  // list id -> the last version this page shows; the server replays anything newer.
  /** @type {Record<string, number>} */
  const lastSeen = {};
  // Lists being fetched, so that each is added once.
  const fetching = new Set();
  document.querySelectorAll('#lists > li').forEach(li => {
    lastSeen[/** @type {HTMLElement} */ (li).dataset.list] = Number(/** @type {HTMLElement} */ (li).dataset.version);
  });

  // Changes that arrive while the list is fetched move lastSeen on; a fetch older than them is repeated.
  /**
   * @param {string} id
   * @param {number} version
   */
  async function addListRow(id, version) {
    if (fetching.has(id) || document.querySelector(`#lists > li[data-list="${id}"]`)) return;
    fetching.add(id);
    lastSeen[id] = version;
    try {
      for (let attempt = 0; attempt < 3 && id in lastSeen; attempt++) {
        const response = await fetch('/lists/' + id, { headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        const list = await response.json();
        if (list.version >= lastSeen[id]) {
          if (id in lastSeen && !document.querySelector(`#lists > li[data-list="${id}"]`)) showListRow(list);
          return;
        }
      }
    } finally {
      fetching.delete(id);
    }
  }

  /** @param {{ id: number, name: string, role: string, owner: string }} list */
  function showListRow(list) {
    const row = document.createElement('li');
    row.dataset.list = String(list.id);
    const link = document.createElement('a');
    link.href = '/app/lists/' + list.id;
    link.textContent = list.name;
    row.appendChild(link);
    if (list.role !== 'owner') {
      const role = document.createElement('span');
      role.className = 'role';
      role.textContent = 'shared by ' + list.owner;
      row.append(' ', role);
    }
    /** @type {HTMLElement} */ (document.getElementById('lists')).appendChild(row);
  }

  /** @param {string} id */
  function removeListRow(id) {
    document.querySelector(`#lists > li[data-list="${id}"]`)?.remove();
    delete lastSeen[id];
  }

  return {
    lastSeen,
    // Lists that came or went while this page was not connected.
    hello(current) {
      Object.keys(lastSeen).filter(id => !(id in current)).forEach(removeListRow);
      Object.keys(current).filter(id => !(id in lastSeen)).forEach(id => addListRow(id, current[id]));
    },
    change(message) {
      const id = String(message.list_id);
      if (message.type === 'list.updated') {
        const link = document.querySelector(`#lists > li[data-list="${id}"] > a`);
        if (link) link.textContent = message.data.name;
      } else if (message.type === 'list.deleted' || (message.type === 'member.removed' && message.data.username === me)) {
        removeListRow(id);
      }
    },
    otherChange(message) {
      if (message.type === 'member.added' && message.data.username === me) addListRow(String(message.list_id), message.version);
    },
    // A list whose member.added is older than the kept history: it is ours now, if we can read it.
    otherResync(id) {
      addListRow(id, 0);
    },
  };
}
