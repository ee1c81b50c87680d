// The examination's photograph upload (issue 16, item 5): sent with fetch-like XHR (for its progress) as multipart to the
// API with an Idempotency-Key of its own. The key stays until the server has answered, so sending again after a lost
// answer replays the first answer and adds nothing twice; a new key is made for the next photograph. The server's
// problem+json names the fields; the page's texts (photo-text) say it in the page's language.
(function () {
  'use strict';
  var form = document.getElementById('photo-form');
  var textNode = document.getElementById('photo-text');
  if (!form || !textNode) return;
  var text = JSON.parse(textNode.textContent);
  var progress = document.getElementById('photo-progress');
  var status = document.getElementById('photo-status');
  var summary = document.getElementById('photo-errors');
  var button = form.querySelector('button[type=submit]');
  var fields = { file: 'photo-file', findingId: 'photo-finding' };

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  form.dataset.key = newKey();

  function flag(id) {
    var box = document.getElementById(id);
    return box && box.checked ? 'true' : 'false';
  }

  function clearErrors() {
    summary.hidden = true;
    summary.textContent = '';
    Object.keys(fields).forEach(function (name) {
      var input = document.getElementById(fields[name]);
      input.removeAttribute('aria-invalid');
      document.getElementById(fields[name] + '-error').textContent = '';
    });
  }

  function messageOf(message) {
    if (/^must be at most [0-9]+ bytes$/.test(message)) return text.tooLarge;
    return text.errors[message] || message;
  }

  function showSummary(lines) {
    summary.textContent = '';
    lines.forEach(function (line) {
      var p = document.createElement('p');
      p.textContent = line;
      summary.appendChild(p);
    });
    summary.hidden = false;
  }

  function showProblem(statusCode, problem) {
    var general = [text.refused];
    var errors = (problem && problem.errors) || {};
    var named = false;
    Object.keys(errors).forEach(function (name) {
      var message = (errors[name] || [])[0] || '';
      if (name.indexOf('consent.') === 0) {
        general.push(text.consent);
      } else if (fields[name]) {
        var input = document.getElementById(fields[name]);
        input.setAttribute('aria-invalid', 'true');
        document.getElementById(fields[name] + '-error').textContent = messageOf(message);
        named = true;
      } else {
        general.push(messageOf(message));
      }
    });
    if (statusCode === 413) general.push(text.tooLarge);
    else if (general.length === 1 && !named) general.push(text.status[String(statusCode)] || (problem && problem.title) || String(statusCode));
    showSummary(general);
    if (named) document.getElementById(fields[Object.keys(errors).filter(function (n) { return fields[n]; })[0]]).focus();
  }

  // The list of photographs as the server now shows it, in the page's language, without a reload.
  function refreshList() {
    return fetch(form.dataset.page, { credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      if (!response.ok) return;
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('examination-photos-box');
        var box = document.getElementById('examination-photos-box');
        if (fresh && box) box.innerHTML = fresh.innerHTML;
      });
    });
  }

  function done() {
    button.disabled = false;
    progress.hidden = true;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    var data = new FormData();
    var file = document.getElementById('photo-file').files[0];
    if (file) data.append('file', file, file.name);
    var finding = document.getElementById('photo-finding').value;
    if (finding) data.append('findingId', finding);
    data.append('scaleShown', flag('photo-scale'));
    data.append('colourChartShown', flag('photo-chart'));
    data.append('intimate', flag('photo-intimate'));
    data.append('identifiesPerson', flag('photo-identifies'));

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('Idempotency-Key', form.dataset.key);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = function () {
      done();
      // A 2xx or 4xx answer ends this send: the next is a new one. A 5xx (a gateway's may come after the commit) keeps
      // the key, so that sending again finds the stored photograph instead of adding it twice.
      if (xhr.status < 500) form.dataset.key = newKey();
      if (xhr.status === 201) {
        status.textContent = text.sent;
        form.reset();
        refreshList();
        return;
      }

      status.textContent = '';
      if (xhr.status === 401) {
        showSummary([text.signin]);
        return;
      }

      var problem = null;
      try { problem = JSON.parse(xhr.responseText); } catch (e) { problem = null; }
      showProblem(xhr.status, problem);
    };
    xhr.onerror = function () {
      done();
      status.textContent = '';
      showSummary([text.lost]);
    };
    button.disabled = true;
    progress.value = 0;
    progress.hidden = false;
    status.textContent = text.sending;
    xhr.send(data);
  });
})();
