// Shares of a sealed examination from its page (issue 16, item 9): made and revoked through the API with an
// Idempotency-Key each (kept, with the body, while no answer or a 5xx came, so a send again records nothing twice);
// the link, in the first answer only, is shown once to copy; the list of live shares is shown again without a reload.
(function () {
  'use strict';
  var section = document.getElementById('shares-section');
  var textNode = document.getElementById('share-text');
  if (!section || !textNode) return;
  var text = JSON.parse(textNode.textContent);

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // A send again after a lost answer (no answer, or a gateway's 5xx that may have come after the commit) goes with the
  // same key and the same body as the first, so that the server finds it and stores nothing twice; a 2xx or 4xx answer
  // ends the send, and the next is a new one.
  function post(form, body) {
    if (!form.dataset.key) {
      form.dataset.key = newKey();
      form.dataset.body = JSON.stringify(body);
    }
    return fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': form.dataset.key },
      body: form.dataset.body,
    }).then(function (response) {
      if (response.status < 500) {
        delete form.dataset.key;
        delete form.dataset.body;
      }
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        return { status: response.status, body: json };
      });
    });
  }

  function messageOf(message) {
    return text.errors[message] || message;
  }

  // The problem's lines: each field's message beside its field (by the map), the rest in the summary.
  function show(summary, answer, fields) {
    var lines = [text.refused];
    var errors = (answer.body && answer.body.errors) || {};
    var named = false;
    Object.keys(errors).forEach(function (name) {
      var message = (errors[name] || [])[0] || '';
      var id = fields[name];
      if (name.indexOf('consent.') === 0) {
        lines.push(text.consent);
      } else if (id) {
        document.getElementById(id).setAttribute('aria-invalid', 'true');
        document.getElementById(id + '-error').textContent = answer.status === 422 && name === 'expiresAt' ? text.tooLong : messageOf(message);
        named = true;
      } else {
        lines.push(messageOf(message));
      }
    });
    if (answer.status === 401) lines = [text.signin];
    else if (lines.length === 1 && !named) lines.push(text.status[String(answer.status)] || (answer.body && answer.body.title) || String(answer.status));
    summary.textContent = '';
    lines.forEach(function (line) {
      var p = document.createElement('p');
      p.textContent = line;
      summary.appendChild(p);
    });
    summary.hidden = false;
  }

  function refreshList() {
    return fetch(section.dataset.page, { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (!response.ok) return;
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('shares-box');
        var box = document.getElementById('shares-box');
        if (fresh && box) box.innerHTML = fresh.innerHTML;
      });
    });
  }

  var form = document.getElementById('share-form');
  if (form) {
    var summary = document.getElementById('share-errors');
    var fields = { recipientName: 'share-name', recipientRole: 'share-role', expiresAt: 'share-days' };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      summary.hidden = true;
      Object.keys(fields).forEach(function (name) {
        document.getElementById(fields[name]).removeAttribute('aria-invalid');
        document.getElementById(fields[name] + '-error').textContent = '';
      });
      var days = parseFloat(document.getElementById('share-days').value);
      var body = {
        recipientName: document.getElementById('share-name').value.trim() || null,
        recipientRole: document.getElementById('share-role').value,
        expiresAt: isFinite(days) ? new Date(Date.now() + days * 86400000).toISOString() : null,
      };
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      post(form, body).then(function (answer) {
        button.disabled = false;
        if (answer.status !== 201) {
          show(summary, answer, fields);
          return;
        }

        form.reset();
        if (answer.body && answer.body.url) {
          document.getElementById('share-link').value = new URL(answer.body.url, location.href).href;
          document.getElementById('share-created').hidden = false;
          document.getElementById('share-link').focus();
          document.getElementById('share-link').select();
        } else {
          // The stored answer of a send again: the share exists, its link is never given a second time.
          summary.textContent = text.shownOnce;
          summary.hidden = false;
        }

        refreshList();
      }, function () {
        button.disabled = false;
        summary.textContent = text.lost;
        summary.hidden = false;
      });
    });

    document.getElementById('share-copy').addEventListener('click', function () {
      var link = document.getElementById('share-link');
      link.select();
      var copied = navigator.clipboard ? navigator.clipboard.writeText(link.value) : Promise.reject(new Error('no clipboard'));
      copied.then(function () { document.getElementById('share-copied').textContent = text.copied; }, function () {
        document.execCommand('copy');
        document.getElementById('share-copied').textContent = text.copied;
      });
    });
  }

  // Revocations: the list is replaced after each, so the handler listens on the section.
  section.addEventListener('submit', function (event) {
    var revoke = event.target;
    if (!revoke.classList || !revoke.classList.contains('revoke-form')) return;
    event.preventDefault();
    var reason = revoke.querySelector('input[name=reason]');
    post(revoke, { reason: reason.value.trim() || null }).then(function (answer) {
      if (answer.status === 201) {
        refreshList();
        return;
      }

      reason.setAttribute('aria-invalid', 'true');
      var note = revoke.querySelector('.field-validation-error') || document.createElement('span');
      note.className = 'field-validation-error';
      note.setAttribute('role', 'alert');
      var first = answer.body && answer.body.errors && answer.body.errors.reason;
      note.textContent = first ? messageOf(first[0]) : (text.status[String(answer.status)] || String(answer.status));
      revoke.appendChild(note);
    }, function () {
      reason.setAttribute('aria-invalid', 'true');
    });
  });
})();
