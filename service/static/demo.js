/* The demo page: send the text to /v1/extract and draw the answer with EventView. */
"use strict";
(function () {
  var form = document.getElementById("evx-form");
  var text = document.getElementById("evx-text");
  var seed = document.getElementById("evx-seed");
  var date = document.getElementById("evx-date");
  var key = document.getElementById("evx-key");
  var status = document.getElementById("evx-status");
  var out = document.getElementById("evx-out");

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("evx-error", Boolean(isError));
  }

  seed.addEventListener("change", function () {
    if (!seed.value) return;
    var option = seed.options[seed.selectedIndex];
    fetch("/demo/seeds/" + encodeURIComponent(seed.value))
      .then(function (r) { return r.text(); })
      .then(function (body) {
        text.value = body;
        date.value = option.getAttribute("data-published") || "";
        say("");
      });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = {text: text.value};
    if (date.value) body.published_at = date.value;
    var headers = {"Content-Type": "application/json"};
    if (key.value) headers.Authorization = "Bearer " + key.value;
    say("Extracting\u2026");
    var started = performance.now();
    fetch("/v1/extract", {method: "POST", headers: headers, body: JSON.stringify(body)})
      .then(function (r) { return r.json().then(function (json) { return {ok: r.ok, json: json}; }); })
      .then(function (answer) {
        if (!answer.ok) {
          var errors = (answer.json.errors || []).map(function (x) { return x.pointer + ": " + x.detail; });
          say(answer.json.title + ": " + [answer.json.detail].concat(errors).join(" "), true);
          return;
        }
        EventView.render(out, body.text, answer.json);
        say(answer.json.events.length + " events in " + Math.round(performance.now() - started) + " ms. " +
            "Hover a mark or an event to see its arguments and JSON; click to keep it.");
      })
      .catch(function (err) { say("The service did not answer: " + err, true); });
  });
})();
