/* Staff data entry: known organisations offered while typing a subject's name or USCC (GET
 * /review/entry/subjects.json); choosing one fills the name, category and USCC columns. Without JS the page's
 * "Known subject" search does the same. Server text only through textContent / option values.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-url");
  var NAME = ["行政相对人名称", "主体名称", "承诺人名称"];
  var KIND = ["行政相对人类别", "主体类别", "承诺人类别"];
  var USCC = ["行政相对人代码_1(统一社会信用代码)", "统一社会信用代码"];
  var DELAY = 200;

  function field(names) {
    for (var i = 0; i < names.length; i += 1) {
      var found = document.querySelector('[data-column="' + names[i] + '"]');
      if (found) { return found; }
    }
    return null;
  }

  function enhance() {
    if (!endpoint || !window.fetch) { return; }
    var name = field(NAME), kind = field(KIND), uscc = field(USCC);
    if (!name) { return; }
    var list = document.createElement("datalist");
    list.id = "entry-subjects";
    document.body.appendChild(list);
    var known = {};
    var timer = null;

    function fillFrom(input) {
      var subject = known[input.value];
      if (!subject) { return; }
      name.value = subject.name;
      if (kind) { kind.value = subject.kind; }
      if (uscc && subject.uscc) { uscc.value = subject.uscc; }
    }

    function lookup(input) {
      var q = input.value.trim();
      if (q.length < 2) { return; }
      fetch(endpoint + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {subjects: []}; })
        .then(function (data) {
          list.textContent = "";
          known = {};
          (data.subjects || []).forEach(function (s) {
            var option = document.createElement("option");
            var value = input === uscc && s.uscc ? s.uscc : s.name;
            option.value = value;
            option.textContent = s.name + (s.uscc ? " " + s.uscc : "");
            known[value] = s;
            list.appendChild(option);
          });
        })
        .catch(function () { list.textContent = ""; });
    }

    [name, uscc].forEach(function (input) {
      if (!input) { return; }
      input.setAttribute("list", list.id);
      input.setAttribute("autocomplete", "off");
      input.addEventListener("input", function () {
        fillFrom(input);
        clearTimeout(timer);
        timer = setTimeout(function () { lookup(input); }, DELAY);
      });
      input.addEventListener("change", function () { fillFrom(input); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
}());
