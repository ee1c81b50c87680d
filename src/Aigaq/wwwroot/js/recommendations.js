// The recommendation page's forms (issue 18, item 7): assess, add a measure, change a measure's status. Each form with
// class rec-form is sent as JSON to its action (the API) with an Idempotency-Key, kept while the body is unchanged and
// no answer came, so a send again after a lost answer records nothing twice. Fields: name -> value ("" is null); a
// name "a.b" is the field b of an object a; data-type="instant" is a local time of the rule pack's zone (the form's
// data-offset), "lines" a list (one a line), "text" a text sent as it is ("" too), "pair" a select whose value "a|b"
// gives the fields named in data-names. A problem is shown beside its field (an item "themes[1]" beside its list), in
// the reader's language (text.errors; a recommendation's id in a message stands as {id} there).
(function () {
  'use strict';
  var textNode = document.getElementById('recommendations-text');
  if (!textNode) return;
  var text = JSON.parse(textNode.textContent);

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function put(body, name, value) {
    var path = name.split('.');
    var at = body;
    for (var i = 0; i < path.length - 1; i++) {
      at = at[path[i]] = at[path[i]] || {};
    }
    at[path[path.length - 1]] = value;
  }

  function translate(message) {
    if (text.errors[message]) return text.errors[message];
    var id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(message);
    var pattern = id && text.errors['{id}' + message.slice(id[0].length)];
    return pattern ? pattern.replace('{id}', id[0]) : message;
  }

  function bodyOf(form) {
    var body = {};
    Array.prototype.forEach.call(form.querySelectorAll('input, select, textarea'), function (field) {
      var value = field.value.trim();
      var type = field.dataset.type;
      if (type === 'pair') {
        var names = field.dataset.names.split(' ');
        var parts = value ? value.split('|') : [];
        names.forEach(function (name, i) { body[name] = parts[i] || null; });
      } else if (!field.name) {
        return;
      } else if (type === 'lines') {
        put(body, field.name, value.split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l; }));
      } else if (type === 'instant') {
        put(body, field.name, value ? (value.length === 16 ? value + ':00' : value) + form.dataset.offset : null);
      } else if (type === 'text') {
        put(body, field.name, value);
      } else {
        put(body, field.name, value || null);
      }
    });
    return JSON.stringify(body);
  }

  function showProblem(form, answer) {
    var summary = form.querySelector('.validation-summary-errors');
    var lines = [text.refused];
    var errors = (answer.body && answer.body.errors) || {};
    Object.keys(errors).forEach(function (name) {
      var message = (errors[name] || [])[0] || '';
      message = translate(message);
      var field = document.getElementById(form.id + '-' + name) || document.getElementById(form.id + '-' + name.replace(/\[\d+\]$/, ''));
      var note = field && document.getElementById(field.id + '-error');
      if (field && note) {
        field.setAttribute('aria-invalid', 'true');
        note.textContent = message;
      } else {
        lines.push(name + ': ' + message);
      }
    });
    if (answer.status === 401) lines = [text.signin];
    else if (answer.status === 0) lines = [text.lost];
    else if (lines.length === 1 && Object.keys(errors).length === 0) {
      lines.push(text.status[String(answer.status)] || (answer.body && answer.body.title) || String(answer.status));
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
    summary.hidden = true;
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (f) { f.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(form.querySelectorAll('.field-validation-error'), function (n) { n.textContent = ''; });
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.rec-form'), function (form) {
    var status = form.querySelector('.rec-status');
    var button = form.querySelector('button[type=submit]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearProblem(form);
      var body = bodyOf(form);
      if (!form.dataset.key || form.dataset.body !== body) {
        form.dataset.key = newKey();
        form.dataset.body = body;
      }
      button.disabled = true;
      status.textContent = text.sending;
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': form.dataset.key },
        body: body,
      }).then(function (response) {
        return response.text().then(function (raw) {
          var json = null;
          try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
          return { status: response.status, body: json };
        });
      }, function () {
        return { status: 0, body: null };
      }).then(function (answer) {
        button.disabled = false;
        status.textContent = '';
        if (answer.status >= 200 && answer.status < 300) {
          location.reload();
          return;
        }
        // A refusal is final for this body: a corrected send is a new request. A lost answer keeps the key.
        if (answer.status >= 400 && answer.status < 500) delete form.dataset.key;
        showProblem(form, answer);
      });
    });
  });
})();
