// The detention form on a phone: it keeps a draft on the device, shows that it is sending, and when there is no
// connection keeps the registration in a queue on the device and sends it when the connection returns.
//
// Each draft carries its own form key, which the server takes as an idempotency key: a draft sent twice (a page
// closed mid-send, two tabs, a lost answer) makes one record. A draft leaves the queue only when the server has
// answered with the record it made. The form works without this script; the script only adds to it.
(function () {
  'use strict';
  var form = document.getElementById('register-form');
  if (!form) return;
  var text = form.dataset;
  var storeKey = 'aigaq.register.' + text.owner;
  var status = document.getElementById('register-status');
  var submit = document.getElementById('register-submit');
  var outbox = document.getElementById('outbox');
  var outboxList = document.getElementById('outbox-list');
  var outboxState = document.getElementById('outbox-state');
  var clear = document.getElementById('register-clear');
  var sending = false;

  function load() {
    try {
      var value = JSON.parse(localStorage.getItem(storeKey) || '{}');
      return { draft: value.draft || null, queue: Array.isArray(value.queue) ? value.queue : [] };
    } catch (e) {
      return { draft: null, queue: [] };
    }
  }

  function save(state) {
    try {
      localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      // A full or disabled store: the form still sends normally.
    }
  }

  // The fields as name/value pairs, without the anti-forgery token, which belongs to the page that sends.
  function fieldsOf() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== '__RequestVerificationToken') pairs.push([name, String(value)]);
    });
    return pairs;
  }

  function formKey(pairs) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === 'Form.FormKey') return pairs[i][1];
    return '';
  }

  function valueOf(pairs, name) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === name) return pairs[i][1];
    return '';
  }

  function fill(pairs) {
    var checked = {};
    pairs.forEach(function (pair) {
      var field = form.elements.namedItem(pair[0]);
      if (!field) return;
      if (field instanceof RadioNodeList) {
        // The rights box and its hidden "false": the box is checked when a "true" was sent.
        for (var i = 0; i < field.length; i++) {
          if (field[i].type === 'checkbox') {
            checked[pair[0]] = checked[pair[0]] || pair[1] === 'true';
            field[i].checked = checked[pair[0]];
          }
        }
        return;
      }
      if (field.type === 'checkbox') {
        field.checked = pair[1] === 'true';
      } else {
        if ((field.type === 'date' || field.type === 'datetime-local') && pair[1] && !pickerHolds(field.type, pair[1])) {
          field.type = 'text';
        }
        field.value = pair[1];
      }
    });
    unfold();
  }

  // A folded part of the form opens when it holds something: a restored draft shows every value it brings back.
  function unfold() {
    Array.prototype.forEach.call(form.querySelectorAll('details.optional'), function (part) {
      var filled = Array.prototype.some.call(part.querySelectorAll('input:not([type=hidden]), textarea, select'), function (field) {
        return field.tagName === 'SELECT'
          ? field.options.length > 0 && field.options[0].value === '' && field.value !== ''
          : field.value.trim() !== '';
      });
      if (filled) part.open = true;
    });
  }

  function pickerHolds(type, value) {
    return type === 'date' ? /^\d{4}-\d{2}-\d{2}$/.test(value) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value);
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function token() {
    var field = form.querySelector('input[name="__RequestVerificationToken"]');
    return field ? field.value : '';
  }

  function body(pairs) {
    var data = new URLSearchParams();
    pairs.forEach(function (pair) { data.append(pair[0], pair[1]); });
    data.append('__RequestVerificationToken', token());
    return data;
  }

  function format(template, value) {
    return template.replace('{0}', value);
  }

  // What the server did with a send: the record's page, the sign-in page, or the form again with its errors.
  function outcomeOf(response) {
    var path = new URL(response.url, location.href).pathname;
    if (/^\/detentions\/[0-9a-f-]{36}$/i.test(path)) return 'stored';
    if (path === '/signin' || path.indexOf('/signin/') === 0) return 'signin';
    if (response.status === 200 && path === location.pathname) return 'refused';
    return 'later';
  }

  function send(pairs) {
    return fetch(form.action || location.pathname, {
      method: 'POST',
      body: body(pairs),
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }

  // The page's anti-forgery token, taken afresh from the server: one kept on the device goes stale when the page came
  // from the cache or its cookie is gone. False when the server does not give one (no connection, a lapsed session).
  function refreshToken() {
    return fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (!response.ok || response.redirected) return false;
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('input[name="__RequestVerificationToken"]');
        var field = form.querySelector('input[name="__RequestVerificationToken"]');
        if (!fresh || !field) return false;
        field.value = fresh.value;
        return true;
      });
    }, function () { return false; });
  }

  // A send the server refuses as a bad request (a stale anti-forgery token) is sent once more with a fresh token; the
  // form key makes the second send safe.
  function post(pairs) {
    return send(pairs).then(function (response) {
      if (response.status !== 400) return response;
      return refreshToken().then(function (fresh) { return fresh ? send(pairs) : response; });
    });
  }

  function showQueue(note) {
    var state = load();
    outbox.hidden = state.queue.length === 0 && !note;
    outboxList.textContent = '';
    state.queue.forEach(function (item) {
      var li = document.createElement('li');
      var name = [valueOf(item.fields, 'Form.LastName'), valueOf(item.fields, 'Form.FirstName')].join(' ').trim();
      li.textContent = (name || '—') + ' · ' + valueOf(item.fields, 'Form.DetainedAt').replace('T', ' ') + ' · ' +
        (item.refused ? text.needsFix : format(text.waiting, new Date(item.queuedAt).toLocaleString()));
      li.dataset.key = item.key;
      if (item.refused) {
        var open = document.createElement('button');
        open.type = 'button';
        open.textContent = text.open;
        open.addEventListener('click', function () { openInForm(item.key); });
        li.appendChild(document.createTextNode(' '));
        li.appendChild(open);
      }
      outboxList.appendChild(li);
    });
    if (note !== undefined) outboxState.textContent = note;
  }

  function openInForm(key) {
    var state = load();
    var item = state.queue.filter(function (q) { return q.key === key; })[0];
    if (!item) return;
    // The draft goes back into the form with its own key; it leaves the queue, and the form's own draft is kept.
    state.queue = state.queue.filter(function (q) { return q.key !== key; });
    state.draft = item.fields;
    save(state);
    fill(item.fields);
    showQueue('');
    form.scrollIntoView();
  }

  function sendQueue() {
    if (sending || !navigator.onLine) return Promise.resolve();
    var pending = load().queue.filter(function (q) { return !q.refused; });
    if (pending.length === 0) return Promise.resolve();
    sending = true;
    outboxState.textContent = text.sending;
    var sent = [];
    function next(i) {
      if (i >= pending.length) return Promise.resolve('done');
      var item = pending[i];
      return post(item.fields).then(function (response) {
        var outcome = outcomeOf(response);
        var state = load();
        if (outcome === 'stored') {
          state.queue = state.queue.filter(function (q) { return q.key !== item.key; });
          save(state);
          return response.text().then(function (html) {
            // The record's page names it by its number.
            var heading = new DOMParser().parseFromString(html, 'text/html').querySelector('h1');
            sent.push({ url: response.url, name: heading ? heading.textContent.trim() : new URL(response.url).pathname });
            return next(i + 1);
          });
        }
        if (outcome === 'refused') {
          state.queue.forEach(function (q) { if (q.key === item.key) q.refused = true; });
          save(state);
          return next(i + 1);
        }
        return outcome;
      });
    }
    return next(0).then(function (result) {
      sending = false;
      var note = result === 'signin' ? text.signin : '';
      showQueue(note);
      sent.forEach(function (record) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = record.url;
        a.className = 'sent';
        a.textContent = format(text.sent, record.name);
        li.appendChild(a);
        outboxList.appendChild(li);
        outbox.hidden = false;
      });
    }, function () {
      // No connection after all: everything stays queued.
      sending = false;
      showQueue('');
    });
  }

  function queue(pairs) {
    var state = load();
    var key = formKey(pairs);
    if (!state.queue.some(function (q) { return q.key === key; })) {
      state.queue.push({ key: key, fields: pairs, queuedAt: new Date().toISOString() });
    }
    // The form starts afresh under a new key; the queued draft keeps its own.
    state.draft = null;
    save(state);
    form.reset();
    form.elements.namedItem('Form.FormKey').value = newKey();
    status.textContent = text.queued;
    submit.removeAttribute('aria-busy');
    showQueue();
  }

  // Restore: a page the server sent back with errors holds the newest values; otherwise a draft kept on the device.
  var initial = load();
  if (text.errors === 'true') {
    initial.draft = fieldsOf();
    save(initial);
    var summary = document.getElementById('form-errors');
    if (summary) summary.focus();
  } else if (initial.draft && initial.draft.length) {
    fill(initial.draft);
    status.textContent = text.restored;
    clear.hidden = false;
  } else {
    // A fresh key for a fresh form, also when the page came from the device's cache with no connection.
    form.elements.namedItem('Form.FormKey').value = newKey();
  }

  clear.addEventListener('click', function () {
    var state = load();
    state.draft = null;
    save(state);
    form.reset();
    form.elements.namedItem('Form.FormKey').value = newKey();
    status.textContent = '';
    clear.hidden = true;
  });

  form.addEventListener('input', function () {
    var state = load();
    state.draft = fieldsOf();
    save(state);
  });
  form.addEventListener('change', function () {
    var state = load();
    state.draft = fieldsOf();
    save(state);
  });

  form.addEventListener('submit', function (event) {
    if (!window.fetch) return;
    event.preventDefault();
    if (submit.getAttribute('aria-busy') === 'true') return;
    var pairs = fieldsOf();
    var state = load();
    state.draft = pairs;
    save(state);
    if (!navigator.onLine) {
      queue(pairs);
      return;
    }
    submit.setAttribute('aria-busy', 'true');
    submit.disabled = true;
    status.textContent = text.sending;
    post(pairs).then(function (response) {
      var outcome = outcomeOf(response);
      if (outcome === 'stored') {
        var done = load();
        done.draft = null;
        save(done);
        location.assign(response.url);
        return;
      }
      if (outcome === 'signin') {
        // The session ended: the draft stays here, and the sign-in page brings the officer back to it.
        location.assign(response.url);
        return;
      }
      // Errors (or anything else): the server's own page says what to correct, with every value kept.
      submit.disabled = false;
      form.submit();
    }, function () {
      submit.disabled = false;
      queue(pairs);
    });
  });

  var locate = document.getElementById('locate');
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener('click', function () {
      status.textContent = text.locating;
      navigator.geolocation.getCurrentPosition(function (p) {
        document.getElementById('Latitude').value = p.coords.latitude.toFixed(6);
        document.getElementById('Longitude').value = p.coords.longitude.toFixed(6);
        unfold();
        status.textContent = '';
        form.dispatchEvent(new Event('change'));
      }, function () {
        status.textContent = text.locationFailed;
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  document.getElementById('outbox-send').addEventListener('click', sendQueue);
  window.addEventListener('online', sendQueue);
  showQueue();
  sendQueue();

  if ('serviceWorker' in navigator) {
    // A page that opened while the worker was being installed is not yet under it; the worker is asked to take it, so
    // that this very page keeps working when the connection goes (its claim on activation may have come too early).
    navigator.serviceWorker.register('/sw.js', { scope: '/detentions/register' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (!navigator.serviceWorker.controller && registration.active) registration.active.postMessage('claim');
    }).catch(function () { });
  }
})();
