/* Chat widget (issue 9): turns the "在线咨询" link into a button opening a non-modal dialog that talks to
 * POST /api/v1/chat. Server text is only ever inserted with textContent; links must be site-relative paths.
 * The session id and the last messages live in sessionStorage (this tab only). No framework, no dependencies.
 */
(function () {
  "use strict";

  var root = document.getElementById("chat-widget");
  if (!root || !window.fetch || !window.JSON) { return; }

  var SID_KEY = "portal-chat-sid";
  var LOG_KEY = "portal-chat-log";
  var MAX_LOG = 40;
  var max = parseInt(root.getAttribute("data-max"), 10) || 500;
  var text = function (name) { return root.getAttribute("data-" + name) || ""; };
  // The first quick replies, translated by the server (the same as the chat's main menu).
  var menu = function () {
    try { return JSON.parse(text("menu") || "[]"); } catch (e) { return []; }
  };

  var link = document.getElementById("chat-launcher");
  var panel = document.getElementById("chat-panel");
  var log = document.getElementById("chat-log");
  var chips = document.getElementById("chat-suggestions");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var closer = document.getElementById("chat-close");
  var busy = false;

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = link.className;
  launcher.id = link.id;
  launcher.textContent = link.textContent;
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", panel.id);
  link.parentNode.replaceChild(launcher, link);

  function store(key, value) {
    try { window.sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: no history */ }
  }

  function load(key) {
    try { return JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function safeUrl(url) {
    return typeof url === "string" && /^\/(?![\/\\])/.test(url) ? url : null;
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content) { node.textContent = content; }
    return node;
  }

  function links(items, className, label) {
    var valid = (items || []).filter(function (item) { return item && safeUrl(item.url) && item.title; });
    if (!valid.length) { return null; }
    var wrap = el("div", className);
    if (label) { wrap.appendChild(el("span", "chat-links-label", label + "：")); }
    var list = el("ul");
    valid.forEach(function (item) {
      var li = el("li");
      var a = el("a", null, String(item.title));
      a.href = safeUrl(item.url);
      li.appendChild(a);
      list.appendChild(li);
    });
    wrap.appendChild(list);
    return wrap;
  }

  function render(entry) {
    var mine = entry.who === "user";
    var box = el("div", "chat-msg " + (mine ? "chat-msg-user" : "chat-msg-bot"));
    box.appendChild(el("span", "visually-hidden", (mine ? text("you") : text("bot")) + "："));
    box.appendChild(el("p", "chat-msg-text", String(entry.text || "")));
    var cards = links(entry.cards, "chat-cards", "");
    if (cards) { box.appendChild(cards); }
    var sources = links(entry.sources, "chat-sources", text("sources"));
    if (sources) { box.appendChild(sources); }
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  function remember(entry) {
    var history = load(LOG_KEY) || [];
    history.push(entry);
    store(LOG_KEY, history.slice(-MAX_LOG));
  }

  function add(entry) {
    render(entry);
    remember(entry);
  }

  function suggest(items) {
    while (chips.firstChild) { chips.removeChild(chips.firstChild); }
    (items || []).slice(0, 6).forEach(function (s) {
      if (!s || !s.title) { return; }
      var b = el("button", "chat-chip", String(s.title));
      b.type = "button";
      b.addEventListener("click", function () { send(String(s.payload || s.title)); });
      chips.appendChild(b);
    });
  }

  function setBusy(on) {
    busy = on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    form.querySelector("button[type=submit]").disabled = on;
    var note = document.getElementById("chat-sending");
    if (on && !note) {
      note = el("p", "chat-sending", text("sending"));
      note.id = "chat-sending";
      log.appendChild(note);
    } else if (!on && note) {
      note.parentNode.removeChild(note);
    }
  }

  function send(message) {
    message = (message || "").trim();
    if (!message || busy) { return; }
    if (message.length > max) { message = message.slice(0, max); }
    add({ who: "user", text: message });
    input.value = "";
    setBusy(true);
    var body = { message: message };
    var sid = load(SID_KEY);
    if (typeof sid === "string") { body.session_id = sid; }
    fetch(root.getAttribute("data-api"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Accept-Language": document.documentElement.lang || "zh-CN"
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 429) { throw new Error("busy"); }
      if (!response.ok) { throw new Error("failed"); }
      return response.json();
    }).then(function (answer) {
      if (typeof answer.session_id === "string") { store(SID_KEY, answer.session_id); }
      add({
        who: "bot",
        text: answer.reply && answer.reply.text,
        cards: answer.cards,
        sources: answer.sources
      });
      suggest(answer.suggestions);
    }).catch(function (error) {
      render({ who: "bot", text: error && error.message === "busy" ? text("busy") : text("failed") });
    }).then(function () {
      setBusy(false);
      input.focus();
    });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("is-open");
    if (!log.firstChild) {
      var history = load(LOG_KEY) || [];
      if (history.length) {
        history.forEach(render);
      } else {
        render({ who: "bot", text: text("welcome") });
        suggest(menu());
      }
    }
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("is-open");
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { close(); }
  });
  closer.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send(input.value);
  });
}());
