/* The events of one document drawn over its text, as displaCy draws entities: each trigger highlighted in
   the colour of its event type, each event's actors, places and dates underlined and linked to it. Hovering
   a mark or an event shows the event's arguments and JSON; a click keeps it shown.
   Used by the demo page (/) and by `python -m service extract --format html`. No dependencies. */
"use strict";
var EventView = (function () {
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function names(list) {
    return list.map(function (a) { return a.name || a.value || a.text; }).join(", ");
  }

  // Every marked stretch of the text: a trigger, or an actor, place or date of an event.
  function marksOf(events) {
    var marks = [];
    events.forEach(function (ev) {
      marks.push({start: ev.trigger.start, end: ev.trigger.end, kind: "trigger", ev: ev,
                  title: ev.id + " " + ev.type + " (" + ev.modality + ")"});
      [["actor", ev.actors], ["place", ev.places], ["date", ev.dates]].forEach(function (pair) {
        pair[1].forEach(function (arg) {
          var what = pair[0] === "date" ? "date " + (arg.value || "unresolved") : pair[0] + " (" + arg.role + ")";
          marks.push({start: arg.start, end: arg.end, kind: pair[0], ev: ev, title: what + " of " + ev.id + " " + ev.type});
        });
      });
    });
    return marks;
  }

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  // The text cut at every mark boundary; a piece covered by marks is one span carrying all of them, so
  // overlapping marks (a date inside an actor's title) need no nesting.
  function textWithMarks(text, events) {
    var cps = Array.from(text);   // offsets count code points, JavaScript strings count UTF-16 units
    var marks = marksOf(events);
    var cuts = [0, cps.length];
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts = unique(cuts).sort(function (a, b) { return a - b; });
    var box = el("div", {"class": "evx-text"});
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], piece = cps.slice(a, b).join("");
      var covering = marks.filter(function (m) { return m.start <= a && m.end >= b && m.start < m.end; });
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      var triggers = covering.filter(function (m) { return m.kind === "trigger"; });
      var args = covering.filter(function (m) { return m.kind !== "trigger"; });
      var classes = ["evx-mark"].concat(unique(args.map(function (m) { return "evx-" + m.kind; })));
      if (triggers.length) classes.push("evx-trigger", "evx-t-" + triggers[0].ev.type);
      var ids = function (ms) { return unique(ms.map(function (m) { return m.ev.id; })).join(" "); };
      var span = el("span", {"class": classes.join(" "), "data-events": ids(covering),
                             "data-trigger": ids(triggers), "data-args": ids(args),
                             "title": unique(covering.map(function (m) { return m.title; })).join("\n")}, [piece]);
      box.appendChild(span);
      triggers.filter(function (m) { return m.end === b; }).forEach(function (m) {
        box.appendChild(el("span", {"class": "evx-label evx-t-" + m.ev.type, "data-events": m.ev.id,
                                    "aria-hidden": "true"}, [m.ev.type]));
      });
    }
    return box;
  }

  function detail(ev) {
    var rows = [["trigger", ev.trigger.text, ev.type + ", CAMEO " + ev.cameo + (ev.plover ? ", PLOVER " + ev.plover : "")]];
    ev.actors.forEach(function (a) {
      rows.push([a.role, a.text, [a.name, a.kind, a.title, a.affiliation, a.code].filter(Boolean).join(", ")]);
    });
    ev.places.forEach(function (p) { rows.push([p.role, p.text, [p.name, p.kind, p.country_code].filter(Boolean).join(", ")]); });
    ev.dates.forEach(function (d) { rows.push(["date", d.text, d.value || "unresolved"]); });
    var table = el("table", {}, [el("tr", {}, [el("th", {}, ["role"]), el("th", {}, ["text"]), el("th", {}, ["value"])])]);
    rows.forEach(function (r) { table.appendChild(el("tr", {}, r.map(function (c) { return el("td", {}, [c]); }))); });
    return el("div", {"class": "evx-detail", "data-event": ev.id}, [
      el("strong", {}, [ev.id + " " + ev.type + " \u00b7 " + ev.modality + " \u00b7 confidence " + ev.confidence]),
      el("p", {}, [ev.sentence.text]), table, el("pre", {"class": "evx-json"}, [JSON.stringify(ev, null, 2)])]);
  }

  function render(root, text, result) {
    root.textContent = "";
    if (result.error) {
      root.appendChild(el("p", {"class": "evx-error"}, [result.error.title + ": " + result.error.detail]));
      return;
    }
    var events = result.events, byId = {};
    events.forEach(function (ev) { byId[ev.id] = ev; });
    var ents = result.entities;
    var ref = result.reference_date;
    var counts = {};
    events.forEach(function (ev) { counts[ev.type] = (counts[ev.type] || 0) + 1; });
    var view = el("div", {"class": "evx-view"});
    view.appendChild(el("p", {"class": "evx-summary"}, [
      events.length + " events \u00b7 " + ents.actors.length + " actors \u00b7 " + ents.places.length + " places \u00b7 " +
      ents.dates.length + " dates \u00b7 reference date " + (ref.value || "none") + " (" + ref.source + ")"]));
    if (result.warnings.length) {
      view.appendChild(el("ul", {"class": "evx-warnings"}, result.warnings.map(function (w) { return el("li", {}, [w]); })));
    }
    view.appendChild(el("div", {"class": "evx-legend"}, Object.keys(counts).map(function (t) {
      return el("span", {"class": "evx-chip evx-t-" + t}, [t + " " + counts[t]]);
    }).concat([el("span", {"class": "evx-key"}, [el("span", {"class": "evx-actor"}, ["actor"]),
      el("span", {"class": "evx-place"}, ["place"]), el("span", {"class": "evx-date"}, ["date"])])])));
    var body = textWithMarks(text || "", events);
    var list = el("ol", {"class": "evx-events"}, events.map(function (ev) {
      var parts = [names(ev.actors), names(ev.places), names(ev.dates)].filter(Boolean).join(" \u00b7 ");
      return el("li", {"data-events": ev.id}, [el("span", {"class": "evx-chip evx-t-" + ev.type}, [ev.type]),
                                             " " + ev.trigger.text + (parts ? " \u2014 " + parts : "")]);
    }));
    var panel = el("div", {"class": "evx-panel"});
    view.appendChild(body);
    view.appendChild(el("div", {"class": "evx-side"}, [panel, list]));
    root.appendChild(view);

    var pinned = null;
    function show(ids) {
      view.classList.toggle("evx-focus", ids.length > 0);
      view.querySelectorAll(".evx-on").forEach(function (n) { n.classList.remove("evx-on"); });
      ids.forEach(function (id) {
        view.querySelectorAll('[data-events~="' + id + '"]').forEach(function (n) { n.classList.add("evx-on"); });
      });
      panel.textContent = "";
      ids.forEach(function (id) { panel.appendChild(detail(byId[id])); });
    }
    function idsAt(target) {
      var node = target.closest && target.closest("[data-events]");
      if (!node) return null;
      // a trigger stands for its own events; an argument for every event it belongs to
      return (node.getAttribute("data-trigger") || node.getAttribute("data-events")).split(" ").filter(Boolean);
    }
    view.addEventListener("mouseover", function (e) { var ids = idsAt(e.target); if (ids) show(ids); });
    view.addEventListener("mouseleave", function () { show(pinned || []); });
    view.addEventListener("click", function (e) {
      var ids = idsAt(e.target);
      pinned = ids && JSON.stringify(ids) !== JSON.stringify(pinned) ? ids : null;
      show(pinned || ids || []);
    });
  }

  // The CLI's HTML output: one JSON block per document, rendered when the page has loaded.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("script.evx-document").forEach(function (block) {
      var doc = JSON.parse(block.textContent);
      var out = el("div", {});
      var section = el("section", {"class": "evx-doc"}, [el("h2", {}, [String(doc.result.id)]), out]);
      block.parentNode.insertBefore(section, block);
      render(out, doc.text, doc.result);
    });
  });

  return {render: render};
})();
