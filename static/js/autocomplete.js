/* Search autocomplete (issue 5): subject names from GET /api/v1/suggest under the search boxes, by name fragment or
 * pinyin initials (jlsw). ARIA 1.2 combobox with a listbox popup: arrow keys move, Enter opens the chosen subject,
 * Esc closes (or clears when already closed). Debounced; server text only through textContent.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-suggest-url")) || "/api/v1/suggest";
  var countText = (script && script.getAttribute("data-count-text")) || "%(num)s";
  var noneText = (script && script.getAttribute("data-none-text")) || "";
  var DELAY = 180;
  var counter = 0;

  function safeUrl(url) {
    return typeof url === "string" && /^\/(?![\/\\])/.test(url) ? url : null;
  }

  function enhance(input) {
    if (!window.fetch || input.getAttribute("role") === "combobox") { return; }
    counter += 1;
    var listId = "ac-list-" + counter;
    var wrap = document.createElement("div");
    wrap.className = "ac-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    var label = input.labels && input.labels[0];
    if (label) {
      if (!label.id) { label.id = input.id + "-label"; }
      list.setAttribute("aria-labelledby", label.id);
    }
    list.hidden = true;
    wrap.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var timer = null;
    var sequence = 0;
    var items = [];
    var active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      input.value = item.name;
      close();
      var url = safeUrl(item.url);
      if (url) { window.location.assign(url); } else if (input.form) { input.form.submit(); }
    }

    function show(found) {
      items = found.filter(function (s) { return s && s.name; }).slice(0, 10);
      while (list.firstChild) { list.removeChild(list.firstChild); }
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        li.id = listId + "-" + index;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = String(item.name);
        li.appendChild(name);
        if (item.uscc) {
          var code = document.createElement("small");
          code.textContent = String(item.uscc);
          li.appendChild(code);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus in the input
        li.addEventListener("click", function () { choose(index); });
        list.appendChild(li);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = countText.replace("%(num)s", String(items.length));
      } else {
        close();
        status.textContent = noneText;
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      var cjk = /[\u3400-\u9fff]/.test(text);
      if (!text || (!cjk && text.length < 2)) { sequence += 1; items = []; close(); return; }
      var mine = ++sequence;
      fetch(endpoint + "?limit=8&q=" + encodeURIComponent(text.slice(0, 100)), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      }).then(function (body) {
        if (mine === sequence && document.activeElement === input) { show(body.suggestions || []); }
      }).catch(function () {
        if (mine === sequence) { close(); }
      });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      switch (event.key) {
        case "ArrowDown":
        case "Down":
          event.preventDefault();
          if (!open) {
            if (items.length) {
              list.hidden = false;
              input.setAttribute("aria-expanded", "true");
              highlight(0);
            } else {
              fetchSuggestions();
            }
            return;
          }
          highlight(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
        case "Up":
          if (!open) { return; }
          event.preventDefault();
          highlight(active <= 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
        case "Esc":
          if (open) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 120); });
  }

  var inputs = document.querySelectorAll("form.search-box input[name=q]");
  for (var i = 0; i < inputs.length; i += 1) { enhance(inputs[i]); }
}());
