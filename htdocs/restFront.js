// restFront.js — the REST lesson's front end: lists, adds, renames and deletes users with fetch().
'use strict';

(function () {
  const form = document.getElementById('form');
  const input = document.getElementById('username');
  const list = document.getElementById('list');
  const errorBox = document.getElementById('error');
  let loadSeq = 0; // only the newest list load may draw the list

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.textContent = '';
    errorBox.hidden = true;
  }

  // Sends one request; resolves with the response when the status is 2xx,
  // otherwise rejects with the server's {"error": "..."} sentence (or "HTTP <status>").
  async function request(method, url, body) {
    const options = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method === 'GET') options.cache = 'no-store';
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(url, options);
    } catch (err) {
      throw new Error('서버에 연결할 수 없습니다.');
    }
    if (!res.ok) {
      let message = 'HTTP ' + res.status;
      try {
        const data = await res.json();
        if (data && typeof data.error === 'string' && data.error !== '') message = data.error;
      } catch (err) { /* body is not JSON: keep "HTTP <status>" */ }
      throw new Error(message);
    }
    return res;
  }

  function userPath(id) {
    return '/user/' + encodeURIComponent(id);
  }

  function makeButton(label, className, id, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.dataset.id = id;
    button.textContent = label;
    button.addEventListener('click', onClick);
    return button;
  }

  // Runs an unsafe request; on success clears the error, then (in every case) reloads the list.
  async function change(method, url, body) {
    try {
      await request(method, url, body);
      clearError();
      return true;
    } catch (err) {
      showError(err.message);
      return false;
    } finally {
      loadUsers();
    }
  }

  function renderUsers(users) {
    const ids = Object.keys(users).sort(function (a, b) { return Number(a) - Number(b); });
    const fragment = document.createDocumentFragment();
    ids.forEach(function (id) {
      const row = document.createElement('div');
      row.className = 'user';
      row.dataset.id = id;
      const span = document.createElement('span');
      span.className = 'name';
      span.textContent = String(users[id]);
      row.appendChild(span);
      row.appendChild(makeButton('수정', 'edit', id, function () {
        const name = prompt('바꿀 이름을 입력하세요');
        if (name === null) return; // cancelled
        change('PUT', userPath(id), { name: name });
      }));
      row.appendChild(makeButton('삭제', 'remove', id, function () {
        change('DELETE', userPath(id));
      }));
      fragment.appendChild(row);
    });
    list.replaceChildren(fragment);
  }

  async function loadUsers() {
    const seq = ++loadSeq;
    try {
      const res = await request('GET', '/users');
      let users;
      try {
        users = await res.json();
      } catch (err) {
        throw new Error('사용자 목록을 읽을 수 없습니다.');
      }
      if (seq !== loadSeq) return;
      renderUsers(users && typeof users === 'object' ? users : {});
    } catch (err) {
      if (seq === loadSeq) showError(err.message);
    }
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    if (await change('POST', '/user', { name: input.value })) input.value = '';
  });

  loadUsers();
}());
