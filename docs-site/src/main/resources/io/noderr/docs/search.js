// Search of the Noderr documentation: the sidebar's box lists the sections whose heading, page
// title or excerpt contain every word typed. The index (search-index.js, the same data as
// search-index.json) is generated at build time and loaded from this site on first use: no
// server, no network, no other script.
(function () {
  'use strict';
  // In a long sidebar, bring the open page's entry into view (only the sidebar scrolls: it is
  // fixed beside the content on wide screens, and folded away on narrow ones).
  var current = document.querySelector('.nav-section a.current');
  var sidebar = document.getElementById('nav');
  if (current && sidebar && getComputedStyle(sidebar).position === 'fixed') {
    var top = current.offsetTop - sidebar.clientHeight / 2;
    if (top > 0) {
      sidebar.scrollTop = top;
    }
  }

  var script = document.currentScript;
  var root = (script && script.getAttribute('data-root')) || '';
  var input = document.getElementById('search');
  var results = document.getElementById('search-results');
  if (!input || !results) {
    return;
  }
  var MAX = 20;
  var entries = null;
  var loading = false;
  var pending = [];

  function load(then) {
    if (entries) {
      then();
      return;
    }
    pending.push(then);
    if (loading) {
      return;
    }
    loading = true;
    var tag = document.createElement('script');
    tag.src = root + 'search-index.js';
    tag.onload = function () {
      entries = flatten(window.noderrSearchIndex || { pages: [] });
      pending.splice(0).forEach(function (f) { f(); });
    };
    tag.onerror = function () {
      entries = [];
      pending.splice(0).forEach(function (f) { f(); });
    };
    document.head.appendChild(tag);
  }

  function flatten(index) {
    var list = [];
    index.pages.forEach(function (page) {
      page.sections.forEach(function (section, i) {
        list.push({
          page: page.title,
          href: root + page.url + (i === 0 ? '' : '#' + section.anchor),
          heading: section.heading,
          excerpt: section.excerpt,
          headingText: section.heading.toLowerCase(),
          pageText: page.title.toLowerCase(),
          bodyText: section.excerpt.toLowerCase()
        });
      });
    });
    return list;
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    if (words.length === 0) {
      return [];
    }
    var found = [];
    entries.forEach(function (entry, order) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        var s = (entry.headingText.indexOf(w) >= 0 ? 4 : 0)
          + (entry.pageText.indexOf(w) >= 0 ? 2 : 0)
          + (entry.bodyText.indexOf(w) >= 0 ? 1 : 0);
        if (s === 0) {
          return;
        }
        score += s;
      }
      found.push({ entry: entry, score: score, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found.slice(0, MAX).map(function (f) { return f.entry; });
  }

  function span(className, text) {
    var s = document.createElement('span');
    s.className = className;
    s.textContent = text;
    return s;
  }

  function show() {
    var query = input.value.trim();
    results.textContent = '';
    if (query === '') {
      results.hidden = true;
      return;
    }
    var found = search(query);
    if (found.length === 0) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'Nothing found';
      results.appendChild(none);
    }
    found.forEach(function (entry) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = entry.href;
      link.appendChild(span('result-heading', entry.heading));
      link.appendChild(span('result-page', entry.page));
      if (entry.excerpt) {
        var text = entry.excerpt.length > 120 ? entry.excerpt.slice(0, 117) + '…' : entry.excerpt;
        link.appendChild(span('result-excerpt', text));
      }
      item.appendChild(link);
      results.appendChild(item);
    });
    results.hidden = false;
  }

  input.addEventListener('focus', function () { load(function () {}); });
  input.addEventListener('input', function () { load(show); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var first = results.querySelector('a');
      if (first) {
        event.preventDefault();
        window.location.href = first.href;
      }
    } else if (event.key === 'Escape') {
      input.value = '';
      show();
    }
  });
})();
