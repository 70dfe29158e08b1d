// Filters of the review page. State lives in the address fragment: #project=3&severity=warning
// (values may be lists: severity=error,warning). A fragment without "=" is an anchor (#f-12):
// it clears the filters so the target is shown. No network, no storage.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) { return; }
  var keys = ['project', 'severity', 'rule'];
  var entries = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var kinds = Array.prototype.slice.call(document.querySelectorAll('#findings section.kind'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('#findings section.group'));
  var phGroups = Array.prototype.slice.call(document.querySelectorAll('section.ph-group'));
  var status = document.getElementById('filter-status');
  var printLine = document.getElementById('filter-print');
  var noMatch = document.getElementById('no-match');

  function parse(hash) {
    var state = {};
    var h = hash.replace(/^#/, '');
    if (h.indexOf('=') < 0) { return state; }
    h.split('&').forEach(function (pair) {
      var i = pair.indexOf('=');
      if (i < 1) { return; }
      var k, v;
      try {
        k = decodeURIComponent(pair.slice(0, i));
        v = decodeURIComponent(pair.slice(i + 1));
      } catch (e) { return; }
      if (keys.indexOf(k) >= 0 && v !== '') { state[k] = v.split(','); }
    });
    return state;
  }

  function matches(el, state) {
    var d = el.dataset;
    if (state.project && state.project.indexOf(d.project) < 0) { return false; }
    if (state.severity && state.severity.indexOf(d.severity) < 0) { return false; }
    if (state.rule) {
      var ok = state.rule.some(function (r) {
        return r.toUpperCase() === d.rule || r === d.ruleName;
      });
      if (!ok) { return false; }
    }
    return true;
  }

  function select(name) { return form.elements[name]; }

  function show(state) {
    var shown = 0;
    entries.forEach(function (el) {
      el.hidden = !matches(el, state);
      if (!el.hidden) { shown += 1; }
    });
    kinds.forEach(function (k) {
      k.hidden = !k.querySelector('article.finding:not([hidden])');
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector('article.finding:not([hidden])');
    });
    phGroups.forEach(function (g) {
      g.hidden = !!state.project && state.project.indexOf(g.dataset.project) < 0;
    });
    var words = [];
    keys.forEach(function (k) {
      var s = select(k);
      var value = state[k] ? state[k].join(',') : '';
      if (state[k] && k === 'rule') {
        // a rule given by name selects its code
        Array.prototype.forEach.call(s.options, function (o) {
          if (o.dataset.name === value) { value = o.value; }
        });
        value = value.toUpperCase();
      }
      s.value = value;
      if (s.value !== value) {
        var o = document.createElement('option');
        o.value = value;
        o.textContent = value;
        s.appendChild(o);
        s.value = value;
      }
      if (value) {
        var label = s.parentNode.firstChild.textContent;
        words.push(label + ' ' + s.options[s.selectedIndex].textContent);
      }
    });
    var filtered = words.length > 0;
    status.textContent = filtered
      ? form.dataset.status.replace('{shown}', String(shown))
      : form.dataset.statusAll;
    printLine.textContent = filtered ? form.dataset.print + words.join(' / ') : '';
    printLine.hidden = !filtered;
    noMatch.hidden = shown > 0;
  }

  function fromForm() {
    var parts = [];
    keys.forEach(function (k) {
      var v = select(k).value;
      if (v) { parts.push(k + '=' + encodeURIComponent(v).replace(/%2C/g, ',')); }
    });
    return parts.join('&');
  }

  function apply() {
    var state = parse(location.hash);
    show(state);
    var h = location.hash.replace(/^#/, '');
    if (h && h.indexOf('=') < 0) {
      var target = document.getElementById(h);
      if (target) {
        if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
        target.scrollIntoView();
        target.focus({ preventScroll: true });
      }
    }
  }

  form.addEventListener('change', function () {
    var f = fromForm();
    if (f) {
      location.hash = f;
    } else {
      history.replaceState(null, '', location.pathname + location.search);
      show({});
    }
  });
  form.addEventListener('reset', function (ev) {
    ev.preventDefault();
    keys.forEach(function (k) { select(k).value = ''; });
    history.replaceState(null, '', location.pathname + location.search);
    show({});
  });
  form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  window.addEventListener('hashchange', apply);
  form.hidden = false;
  apply();
}());
