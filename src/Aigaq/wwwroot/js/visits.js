// The monitoring-visit pages on a phone (issue 17, item 9). On /visits the plan form is sent to the API with an
// Idempotency-Key (kept while no answer or a 5xx came, so a send again plans nothing twice). On /visits/{id} every entry
// (approval, arrival, area or register, access denial) is put in a queue on the device with its own key and sent from
// there: with no connection it waits, shown as waiting, and is sent when the connection returns; an answer lost on the
// way is sent again with the same key, and the server answers with what the first send stored. An entry leaves the queue
// only when the server has answered it. A photograph or document for a checklist answer goes through the same queue, in
// order after the answer it belongs to: the entry in the queue, the file itself in IndexedDB (which keeps a Blob), taken
// out when the server has answered. A device without IndexedDB sends the file at once, and says so when offline.
// The visits' service worker (visits-sw.js, scope /visits) keeps each visit page's shell and the list's: /visits opened
// with no connection lists the visits whose shells this device keeps, read from the worker's cache on the device.
(function () {
  'use strict';
  var textNode = document.getElementById('visits-text');
  if (!textNode) return;
  var text = JSON.parse(textNode.textContent);

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // A local time of the form (the rule pack's zone) as an instant: the device's own zone plays no part.
  function instant(value, offset) {
    if (!value) return null;
    return (value.length === 16 ? value + ':00' : value) + offset;
  }

  // Now in the rule pack's zone, as a datetime-local input holds it.
  function localNow(offset) {
    var sign = offset[0] === '-' ? -1 : 1;
    var minutes = sign * (parseInt(offset.substr(1, 2), 10) * 60 + parseInt(offset.substr(4, 2), 10));
    return new Date(Date.now() + minutes * 60000).toISOString().substr(0, 16);
  }

  function own(map, key) {
    return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  // A refusal's message in the reader's language, never the server's English: the page's text for each message the
  // server can give; one that names a field of a list line (does not match people[1].birthDate) as the same message of
  // one person; a 409 by the field it names (its title carries the visit's number); anything else as "cannot be
  // recorded as written".
  function messageOf(message, field, status) {
    // The page's own refusals (no file chosen, none kept offline) are already in the reader's words.
    if (message === text.noFile || message === text.fileOffline) return message;
    var known = own(text.errors, message) || own(text.errors, message.replace(/\w+\[\d+\]\.(\w+)/g, 'person.$1'));
    if (known) return known;
    if (status === 409 && own(text.conflicts, field)) return own(text.conflicts, field);
    return text.unknown;
  }

  // A field as the reader sees it (its name in the API never): its label on the form, after its line's legend when it
  // is a line of a list ("Person found 3", counted from 1 as the form counts); when the form is not on the page, the
  // page's words for a headcount line. A field without words of its own is not named: the message says it all.
  function fieldLabel(prefix, name) {
    var id = name.replace(/\[(\d+)\]\./, '-$1-');
    var field = (prefix && document.getElementById(prefix + '-' + id)) || document.getElementById(id);
    var label = field && document.querySelector('label[for="' + field.id + '"]');
    var line = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(name);
    function words(node) { return node.textContent.replace(/\s*\*\s*$/, '').trim(); }
    var said = label ? words(label) : (line && own(text.fields, line[3])) || '';
    if (line) {
      var set = field && field.closest('fieldset');
      var legend = set && set.querySelector('legend');
      var lineWords = legend ? words(legend) : (line[1] === 'people' && text.line ? text.line.replace('{0}', String(+line[2] + 1)) : '');
      said = [lineWords, said].filter(function (w) { return w; }).join(' · ');
    }
    return said;
  }

  function send(url, key, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': key },
      body: body,
    }).then(function (response) {
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        return { status: response.status, body: json };
      });
    });
  }

  // Files waiting to be sent, by their entry's key (IndexedDB keeps a Blob as it is; localStorage could not).
  var FILES = 'aigaq.visit-files';
  function files() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error('no IndexedDB')); return; }
      var open = indexedDB.open(FILES, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('files'); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function fileStore(mode, act) {
    return files().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction('files', mode);
        var request = act(tx.objectStore('files'));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function keepFile(key, file) { return fileStore('readwrite', function (s) { return s.put(file, key); }); }
  function fileOf(key) { return fileStore('readonly', function (s) { return s.get(key); }); }
  function forgetFile(key) { return fileStore('readwrite', function (s) { return s.delete(key); }).catch(function () { }); }

  // A file as multipart/form-data, with its key; the browser sets the boundary and the file's type.
  function sendFile(url, key, file) {
    var form = new FormData();
    form.append('file', file, file.name || 'file');
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Idempotency-Key': key },
      body: form,
    }).then(function (response) {
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        return { status: response.status, body: json };
      });
    });
  }

  // A field the server names in what was sent (people[1].firstName) as the form's line it came from: lines left empty
  // are not sent, so the second person sent may be the third line of the form. `lines` maps each list's sent index to
  // its line (bodyOf keeps it with the entry, as entry.lines).
  function lineOf(name, lines) {
    return name.replace(/(\w+)\[(\d+)\]/g, function (all, list, i) {
      var map = lines && lines[list];
      return list + '[' + (map && map[+i] !== undefined ? map[+i] : i) + ']';
    });
  }

  // The problem's lines in the form's summary, each field's message beside its field when the form has it.
  function showProblem(form, prefix, answer, sentLines) {
    var summary = form.querySelector('.validation-summary-errors');
    var lines = [text.refused];
    var errors = (answer.body && answer.body.errors) || {};
    Object.keys(errors).forEach(function (sent) {
      var message = messageOf((errors[sent] || [])[0] || '', sent, answer.status);
      var name = lineOf(sent, sentLines);
      var field = document.getElementById(prefix + '-' + name.replace(/\[(\d+)\]\./, '-$1-'));
      var note = field && document.getElementById(field.id + '-error');
      if (field && note) {
        field.setAttribute('aria-invalid', 'true');
        note.textContent = message;
      } else {
        var label = fieldLabel(prefix, name);
        lines.push(label ? label + ': ' + message : message);
      }
    });
    if (answer.status === 401) lines = [text.signin];
    else if (lines.length === 1 && Object.keys(errors).length === 0) {
      lines.push(own(text.status, String(answer.status)) || text.unknown);
    }
    summary.textContent = '';
    lines.forEach(function (line) {
      var p = document.createElement('p');
      p.textContent = line;
      summary.appendChild(p);
    });
    summary.hidden = false;
    summary.focus();
  }

  function clearProblem(form) {
    var summary = form.querySelector('.validation-summary-errors');
    if (summary) summary.hidden = true;
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (f) { f.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(form.querySelectorAll('.field-validation-error'), function (n) { n.textContent = ''; });
  }

  // /visits: plan a visit.
  var plan = document.getElementById('plan-form');
  if (plan) {
    var planStatus = document.getElementById('plan-status');
    plan.addEventListener('submit', function (event) {
      event.preventDefault();
      clearProblem(plan);
      var team = [];
      // The form's row of each member sent (rows left empty are not), so that a refusal names the row the reader filled.
      var rows = [];
      Array.prototype.forEach.call(plan.querySelectorAll('.team-member'), function (row) {
        var i = row.dataset.index;
        var name = document.getElementById('team-' + i + '-name').value.trim();
        var email = document.getElementById('team-' + i + '-email').value.trim();
        if (!name && !email) return;
        rows.push(+i);
        team.push({
          name: name || null,
          email: email || null,
          role: document.getElementById('team-' + i + '-role').value,
          sex: document.getElementById('team-' + i + '-sex').value || null,
        });
      });
      var body = {
        facilityId: document.getElementById('plan-facility').value || null,
        plannedFor: instant(document.getElementById('plan-when').value, plan.dataset.offset),
        kind: document.getElementById('plan-kind').value,
        announced: document.getElementById('plan-announced').checked,
        team: team,
      };
      if (!plan.dataset.key || plan.dataset.body !== JSON.stringify(body)) {
        plan.dataset.key = newKey();
        plan.dataset.body = JSON.stringify(body);
      }
      var button = document.getElementById('plan-submit');
      button.disabled = true;
      planStatus.textContent = text.sending;
      send(plan.getAttribute('action'), plan.dataset.key, plan.dataset.body).then(function (answer) {
        button.disabled = false;
        planStatus.textContent = '';
        if (answer.status < 500) {
          delete plan.dataset.key;
          delete plan.dataset.body;
        }
        if (answer.status === 201 && answer.body && answer.body.id) {
          location.assign('/visits/' + answer.body.id);
          return;
        }
        showProblem(plan, 'plan', answer, { team: rows });
      }, function () {
        button.disabled = false;
        planStatus.textContent = text.lost;
      });
    });
  }

  // The visits' service worker (visits-sw.js, scope /visits: the list and each visit's page). `ready` is given the
  // active worker once the page is under it (a page opened while the worker was being installed asks to be taken).
  var CACHE = 'aigaq-visits-v1';
  var PAGE = /^\/visits\/[0-9a-fA-F-]{36}$/;
  function startWorker(ready) {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/visits-sw.js', { scope: '/visits' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var active = registration.active;
      if (!navigator.serviceWorker.controller && active) active.postMessage('claim');
      if (active) ready(active);
    }).catch(function () { });
  }

  // /visits: online, the list's shell is kept for the page's language and the page says so; offline (the shell), the
  // visits whose pages' shells this device keeps are listed from them, newest planned first, each linked to its page.
  var list = document.getElementById('visit-list');
  if (list && list.dataset.shell) {
    listKept(list);
  } else if (list && 'serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', function (event) {
      if (!event.data || event.data.kept !== '/visits') return;
      list.dataset.offlineReady = 'true';
      list.dataset.keptState = event.data.state || '';
      document.getElementById('visits-offline-ready').hidden = false;
    });
    startWorker(function (active) {
      if (navigator.onLine) active.postMessage({ keep: '/visits', state: list.dataset.state });
    });
  }

  // What a kept visit shell says of its visit: what its #visit-record carries and the facility's name; null for none.
  function keptVisit(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var shown = doc.getElementById('visit-record');
    var facility = doc.getElementById('visit-facility');
    if (!shown || !shown.dataset.visit) return null;
    return {
      id: shown.dataset.visit,
      number: shown.dataset.number || '',
      status: (shown.dataset.state || '').split('.')[0],
      planned: Date.parse(shown.dataset.planned || '') || 0,
      plannedText: shown.dataset.plannedText || '',
      facility: facility ? facility.textContent.trim() : '',
    };
  }

  function listKept(node) {
    var ul = document.getElementById('visits');
    var none = document.getElementById('no-visits');
    function show(visits) {
      visits.sort(function (a, b) { return b.planned - a.planned || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0); });
      visits.forEach(function (v) {
        var li = document.createElement('li');
        li.className = 'card visit';
        li.id = 'visit-' + v.id;
        li.dataset.status = v.status;
        var link = document.createElement('a');
        link.href = '/visits/' + v.id;
        var number = document.createElement('strong');
        number.textContent = v.number;
        link.appendChild(number);
        li.appendChild(link);
        li.appendChild(document.createTextNode(' · ' + v.facility));
        var line = document.createElement('div');
        var badge = document.createElement('span');
        badge.className = 'badge ' + (v.status === 'planned' ? 'pending' : 'ok') + ' visit-status';
        badge.textContent = own(text.statuses, v.status) || v.status;
        line.appendChild(badge);
        if (v.plannedText) line.appendChild(document.createTextNode(' · ' + text.plannedFor + ': ' + v.plannedText));
        li.appendChild(line);
        ul.appendChild(li);
      });
      none.hidden = visits.length > 0;
      node.dataset.listed = String(visits.length);
    }
    if (!window.caches) {
      show([]);
      return;
    }
    caches.open(CACHE).then(function (cache) {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.filter(function (request) { return PAGE.test(new URL(request.url).pathname); }).map(function (request) {
          return cache.match(request).then(function (response) { return response ? response.text() : ''; });
        }));
      });
    }).then(function (pages) {
      show(pages.map(keptVisit).filter(function (v) { return v; }));
    }, function () { show([]); });
  }

  // /visits/{id}: the entries of the visit, through the queue on the device.
  var record = document.getElementById('visit-record');
  if (!record) return;
  var storeKey = 'aigaq.visits.' + record.dataset.owner;
  var outbox = document.getElementById('visit-outbox');
  var outboxList = document.getElementById('visit-outbox-list');
  var outboxState = document.getElementById('visit-outbox-state');
  var sending = false;
  // The refusals of this page's sends, by key: an entry sent at once and refused goes back to its form to be corrected.
  var answers = {};

  function load() {
    try {
      var value = JSON.parse(localStorage.getItem(storeKey) || '[]');
      return Array.isArray(value) ? value : [];
    } catch (e) {
      return [];
    }
  }

  function save(queue) {
    try {
      localStorage.setItem(storeKey, JSON.stringify(queue));
    } catch (e) {
      // A full or disabled store: the entry is still sent while the page is open.
    }
  }

  function fillNow(root) {
    Array.prototype.forEach.call(root.querySelectorAll('input[data-now]'), function (input) {
      if (!input.value || input.dataset.touched !== 'true') input.value = localNow(record.dataset.offset);
    });
  }

  function showQueue(note) {
    var queue = load();
    outbox.hidden = queue.length === 0 && !note;
    outboxList.textContent = '';
    queue.forEach(function (entry) {
      var li = document.createElement('li');
      li.dataset.key = entry.key;
      li.className = entry.refused ? 'refused' : 'waiting';
      li.textContent = (text.kinds[entry.kind] || entry.kind) + ' · ' + entry.label + ' · ' +
        (entry.refused ? text.notSent.replace('{0}', entry.refused) : text.waiting.replace('{0}', new Date(entry.queuedAt).toLocaleString()));
      if (entry.refused) {
        var discard = document.createElement('button');
        discard.type = 'button';
        discard.textContent = text.discard;
        discard.addEventListener('click', function () {
          save(load().filter(function (q) { return q.key !== entry.key; }));
          if (entry.file) forgetFile(entry.key);
          showQueue('');
        });
        li.appendChild(document.createTextNode(' '));
        li.appendChild(discard);
      }
      outboxList.appendChild(li);
    });
    if (note !== undefined) outboxState.textContent = note;
  }

  // The visit's record again from the server, without a reload: what was sent shows where it belongs.
  function refresh() {
    return fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (!response.ok || response.redirected) return;
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('visit-record');
        if (fresh) {
          var before = record.dataset.state;
          record.innerHTML = fresh.innerHTML;
          record.dataset.state = fresh.dataset.state || '';
          if (!fresh.dataset.shell) delete record.dataset.shell;
          fillNow(record);
          // The state changed (approved, arrived, counted, left): the shell kept on the device follows it. An answer,
          // a check or an interview stored changes nothing the shell shows, and asks for no shell.
          if (record.dataset.state !== before) keepShell();
        }
      });
    }, function () { });
  }

  // A refusal of an entry sent from the queue, in the outbox's line: each field named as its form shows it.
  function problemText(answer, lines, prefix) {
    var errors = (answer.body && answer.body.errors) || {};
    var parts = Object.keys(errors).map(function (name) {
      var message = messageOf((errors[name] || [])[0] || '', name, answer.status);
      var label = fieldLabel(prefix, lineOf(name, lines));
      return label ? label + ': ' + message : message;
    });
    return parts.length ? parts.join('; ') : (own(text.status, String(answer.status)) || text.unknown);
  }

  // A 409 that names the approval or the arrival: it goes once the team is approved or its arrival is recorded.
  function waitsFor(answer) {
    var errors = (answer.body && answer.body.errors) || {};
    return Object.prototype.hasOwnProperty.call(errors, 'approval') || Object.prototype.hasOwnProperty.call(errors, 'arrival');
  }

  // Sends what waits, in the order it was made; stops at the first that finds no connection, a 5xx or an ended session.
  function sendQueue() {
    if (sending || !navigator.onLine) return Promise.resolve();
    var pending = load().filter(function (q) { return !q.refused; });
    if (pending.length === 0) return Promise.resolve();
    sending = true;
    outboxState.textContent = text.sending;
    var stored = 0;
    var note = '';
    function next(i) {
      if (i >= pending.length) return Promise.resolve();
      var entry = pending[i];
      var sent = entry.file
        ? fileOf(entry.key).then(function (file) {
          return file ? sendFile(entry.url, entry.key, file) : { status: 0, lost: true, body: null };
        }, function () { return { status: 0, lost: true, body: null }; })
        : send(entry.url, entry.key, entry.body);
      return sent.then(function (answer) {
        if (answer.lost) {
          var kept = load();
          kept.forEach(function (q) { if (q.key === entry.key) q.refused = text.fileLost; });
          save(kept);
          return next(i + 1);
        }
        if (answer.status === 401) {
          note = text.signin;
          return undefined;
        }
        if (answer.status >= 500) return undefined;
        // Not refused for good: a team not approved or not arrived yet, or too many requests. It waits, with what follows.
        if (answer.status === 429 || (answer.status === 409 && waitsFor(answer))) {
          note = problemText(answer);
          return undefined;
        }
        var queue = load();
        if (entry.file) forgetFile(entry.key);
        if (answer.status === 201) {
          stored++;
          save(queue.filter(function (q) { return q.key !== entry.key; }));
        } else {
          queue.forEach(function (q) { if (q.key === entry.key) q.refused = problemText(answer, entry.lines, entry.prefix); });
          save(queue);
          answers[entry.key] = answer;
        }
        return next(i + 1);
      });
    }
    return next(0).then(function () {
      sending = false;
      showQueue(note);
      // Entries made while this pass was sending go now, not at the next reconnection.
      var sent = pending.map(function (q) { return q.key; });
      if (!note && load().some(function (q) { return !q.refused && sent.indexOf(q.key) < 0; })) {
        return sendQueue().then(function () { return stored > 0 ? refresh() : undefined; });
      }
      if (stored > 0) return refresh();
      return undefined;
    }, function () {
      // No connection after all: everything stays queued.
      sending = false;
      showQueue('');
    });
  }

  // A field named like people[0].lastName is a line of a list of objects (a line left empty is not sent); a checkbox
  // with data-list adds its value to a list when ticked, any other checkbox is true or false.
  function put(body, name, value) {
    var m = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(name);
    if (!m) {
      body[name] = value;
      return;
    }
    var list = body[m[1]] = body[m[1]] || [];
    var line = list[+m[2]] = list[+m[2]] || {};
    line[m[3]] = value;
  }

  // The body a form sends; `lines`, when given, gets for each list the form's line of each line sent.
  function bodyOf(form, lines) {
    var offset = record.dataset.offset;
    var body = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name) return;
      var value = field.value.trim();
      // A dotted name without an index is a member of an object (answers.<itemId>): an empty one is left out, not
      // sent as null. A name with an index (people[0].lastName) is a line of a list.
      var group = /^(\w+)\.([^.\[\]]+)$/.exec(field.name);
      if (group && field.type !== 'checkbox') {
        if (value === '') return;
        body[group[1]] = body[group[1]] || {};
        body[group[1]][group[2]] = field.type === 'number' ? Number(value) : value;
        return;
      }
      if (field.type === 'checkbox' && field.dataset.list) {
        body[field.name] = body[field.name] || [];
        if (field.checked) body[field.name].push(field.value);
      } else if (field.type === 'checkbox') body[field.name] = field.checked;
      else if (field.type === 'datetime-local') put(body, field.name, instant(value, offset));
      else if (field.type === 'number') put(body, field.name, value === '' ? null : Number(value));
      else put(body, field.name, value === '' ? null : value);
    });
    Object.keys(body).forEach(function (name) {
      if (!Array.isArray(body[name]) || typeof body[name][0] === 'string') return;
      var kept = [];
      var sent = [];
      for (var i = 0; i < body[name].length; i++) {
        var line = body[name][i];
        if (line && Object.keys(line).some(function (k) { return line[k] !== null; })) {
          kept.push(line);
          sent.push(i);
        }
      }
      body[name] = kept;
      if (lines) lines[name] = sent;
    });
    return body;
  }

  function labelOf(form, body) {
    var at = body.arrivedAt || body.at || '';
    return [body.name || body.by || body.code || '', at.replace('T', ' ').substr(0, 16)].filter(function (s) { return s; }).join(' · ');
  }

  record.addEventListener('input', function (event) {
    if (event.target.dataset && event.target.dataset.now) event.target.dataset.touched = 'true';
  });

  record.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('visit-entry')) return;
    event.preventDefault();
    clearProblem(form);
    if (form.dataset.kind === 'evidence') {
      attach(form);
      return;
    }
    var lines = {};
    var body = bodyOf(form, lines);
    var entry = {
      key: newKey(),
      kind: form.dataset.kind,
      prefix: form.id.replace('-form', ''),
      url: form.getAttribute('action'),
      body: JSON.stringify(body),
      lines: lines,
      label: labelOf(form, body),
      queuedAt: new Date().toISOString(),
    };
    var queue = load();
    queue.push(entry);
    save(queue);
    if (!navigator.onLine) {
      // The form is ready for the next entry; the one made keeps its key in the queue.
      form.reset();
      fillNow(form);
      showQueue(text.queued);
      return;
    }
    showQueue();
    sendQueue().then(function () {
      var left = load().filter(function (q) { return q.key === entry.key; })[0];
      if (!left) return;
      if (left.refused && answers[entry.key]) {
        // Refused as sent: the values are still in the form, to be corrected and sent again under a new key.
        save(load().filter(function (q) { return q.key !== entry.key; }));
        showQueue('');
        showProblem(form, form.id.replace('-form', ''), answers[entry.key], entry.lines);
        return;
      }
      form.reset();
      fillNow(form);
      showQueue(text.queued);
    });
  });

  // A photograph or document for an answer: queued with its file kept in IndexedDB, then sent as the queue goes. Without
  // IndexedDB it is sent at once, and refused here when there is no connection, so that nothing seems kept that is not.
  function attach(form) {
    var input = form.elements.file;
    var file = input && input.files && input.files[0];
    var prefix = form.id.replace('-form', '');
    if (!file) {
      showProblem(form, prefix, { status: 400, body: { errors: { file: [text.noFile] } } });
      return;
    }
    var entry = {
      key: newKey(),
      kind: 'evidence',
      url: form.getAttribute('action'),
      file: true,
      label: form.dataset.label || '',
      queuedAt: new Date().toISOString(),
    };
    function done(answer) {
      if (answer.status === 201) {
        input.value = '';
        showQueue('');
        return refresh();
      }
      showProblem(form, prefix, answer);
      return undefined;
    }
    keepFile(entry.key, file).then(function () {
      var queue = load();
      queue.push(entry);
      save(queue);
      input.value = '';
      if (!navigator.onLine) {
        showQueue(text.queued);
        return undefined;
      }
      showQueue();
      return sendQueue().then(function () {
        var left = load().filter(function (q) { return q.key === entry.key; })[0];
        if (left && left.refused && answers[entry.key]) {
          save(load().filter(function (q) { return q.key !== entry.key; }));
          showQueue('');
          showProblem(form, prefix, answers[entry.key]);
        } else if (left) {
          showQueue(text.queued);
        }
      });
    }, function () {
      // This device keeps no file: sent now, or not at all.
      if (!navigator.onLine) {
        showProblem(form, prefix, { status: 0, body: { errors: { file: [text.fileOffline] } } });
        return undefined;
      }
      outboxState.textContent = text.sending;
      return sendFile(entry.url, entry.key, file).then(done, function () {
        showProblem(form, prefix, { status: 0, body: { errors: { file: [text.fileOffline] } } });
      });
    });
  }

  // The visits' service worker keeps this page's shell, without what the team recorded about people, so that the page
  // opens again with no connection; what waits to be sent stays in this page's queue. The page gives the state it
  // shows: the worker fetches the shell only when it keeps none for that state.
  var worker = null;
  function keepShell() {
    if (worker && navigator.onLine && !record.dataset.shell) worker.postMessage({ keep: location.pathname, state: record.dataset.state });
  }
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.addEventListener('message', function (event) {
      if (!event.data || event.data.kept !== location.pathname) return;
      record.dataset.offlineReady = 'true';
      // The state the kept shell shows (the page asks for another only when its own state changes).
      record.dataset.keptState = event.data.state || '';
      document.getElementById('visit-offline-ready').hidden = false;
    });
    startWorker(function (active) {
      worker = active;
      keepShell();
    });
  }

  fillNow(record);
  document.getElementById('visit-outbox-send').addEventListener('click', function () { sendQueue(); });
  window.addEventListener('online', function () { sendQueue(); });
  showQueue();
  sendQueue();
})();
