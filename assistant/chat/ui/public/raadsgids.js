// Raadsgids repairs to Chainlit's page and widget, in Dutch. Loaded by the page (custom_js) and
// appended to the widget's /copilot/index.js by the chat server (assistant/intranet/widget.py),
// where it works inside the widget's shadow root.
//
// Accessibility (WCAG 2.1 AA):
// - icon-only buttons get a Dutch accessible name from their id or icon (4.1.2);
// - images without alt next to their own text are marked decorative (1.1.1);
// - a resize handle pointing at a panel id that does not exist loses that reference, and a
//   dialog named by a missing id is named by its visible title (4.1.2);
// - texts Chainlit writes itself in English (sign-in failures, "Failed to fetch", "Close", ...)
//   become one Dutch sentence (3.1.2); a message's own content is never touched.
// Behaviour:
// - the source panel opens only when the reader clicks a citation. Chainlit 2.12 opens the side
//   view by itself whenever an answer's side elements arrive, with every passage of the answer
//   stacked under the last one's number; a panel that opens without a click on a citation just
//   before is closed again;
// - when an answer is complete, the reader is brought to its start (the short answer), not left
//   at the end of its source list where Chainlit's scrolling stops;
// - the widget is told to fetch its settings once it has signed in (see nudgeSettings).
// Chainlit renders with React, so the repairs are re-applied whenever the page changes.
(function () {
  "use strict";
  var BY_ID = {
    "chainlit-copilot-button": "Raadsgids openen of sluiten",
    "new-chat-button": "Nieuw gesprek",
    "chat-submit": "Vraag versturen",
    "stop-button": "Antwoord stoppen",
    "theme-toggle": "Thema wisselen",
    "display-mode-button": "Weergave kiezen",
    "close-sidebar-button": "Raadsgids sluiten",
    "sidebar-trigger-button": "Eerdere gesprekken tonen of verbergen",
    "search-chats-button": "Gesprekken zoeken",
    "upload-button": "Voorstel bijvoegen (PDF, Word, HTML, Markdown of tekst)",
    "upload-button-loading": "Voorstel wordt bijgevoegd"
  };
  var BY_ICON = {
    "lucide-copy": "Kopiëren naar klembord",
    "lucide-check": "Gekopieerd",
    "lucide-arrow-down": "Naar het laatste antwoord",
    "lucide-arrow-left": "Bronpaneel sluiten",
    "lucide-x": "Sluiten",
    "lucide-arrow-up": "Vraag versturen",
    "lucide-square-pen": "Nieuw gesprek",
    "lucide-sun": "Thema wisselen",
    "lucide-moon": "Thema wisselen",
    "lucide-thumbs-up": "Nuttig",
    "lucide-thumbs-down": "Niet nuttig",
    "lucide-message-circle": "Toelichting bij uw beoordeling",
    "lucide-maximize": "Groter weergeven",
    "lucide-minimize": "Kleiner weergeven",
    "lucide-panel-right": "Weergave kiezen"
  };
  var SIGN_IN = "De raadsgids kon u niet aanmelden: de pagina gaf geen geldige aanmeldsleutel " +
    "mee. Laad de pagina opnieuw; blijft dit zo, meld het dan bij de griffie.";
  var OFFLINE = "De raadsgids is nu niet bereikbaar. Probeer het over een paar minuten " +
    "opnieuw; blijft dit zo, meld het dan bij de griffie.";
  // The chat's own address: the widget's script comes from it (this file is appended to it).
  var CHAT = (function () {
    try { return new URL(document.currentScript.src).origin; } catch (e) { return location.origin; }
  })();
  var CONFIG = "Deze pagina mag de raadsgids niet insluiten: vraag de beheerder van de " +
    "raadsgids om " + location.origin + " toe te voegen aan ASSISTANT_ALLOWED_ORIGINS.";
  // Once the widget's requests to the chat have failed, the chat is asked whether it admits
  // this page (/raadsgids/admitted answers any page, for its own origin only). A chat that
  // answers no has not been told to admit the page: a setting to change, not an outage. When
  // nothing answers, or a proxy answers for a chat that is down, it stays an outage; asked
  // again at most every 30 seconds.
  var refused = false;
  var askedAt = 0;
  function probe(root) {
    if (CHAT === location.origin || Date.now() - askedAt < 30000) return;
    askedAt = Date.now();
    fetch(CHAT + "/raadsgids/admitted", {cache: "no-store", credentials: "omit"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        var was = refused;
        refused = !!answer && answer.admitted === false;
        if (refused !== was) repair(root);
      }, function () { refused = false; });
  }
  var TEXTS = [
    [/^\s*No authentication token provided\.?\s*$/i, SIGN_IN],
    [/^\s*(Error: )?(Unauthorized|Invalid token|Not authenticated)\b.*$/i, SIGN_IN],
    [/^\s*(TypeError: )?(Failed to fetch|NetworkError.*|Load failed)\s*$/i, OFFLINE],
    [/^\s*Toggle theme\s*$/i, "Thema wisselen"],
    [/^\s*Close\s*$/i, "Sluiten"],
    [/^\s*Chat bubble icon\s*$/i, "Raadsgids"],
    [/^\s*Floating\s*$/i, "Zwevend venster"],
    [/^\s*Sidebar\s*$/i, "Zijbalk"],
    [/^\s*Avatar for (.+)$/i, "$1"],
    [/^\s*logo\s*$/i, "Raadsgids digitalisering"]
  ];
  var ATTRIBUTES = ["aria-label", "title", "alt", "placeholder"];

  function dutch(text) {
    for (var i = 0; i < TEXTS.length; i++) {
      if (TEXTS[i][0].test(text)) return text.replace(TEXTS[i][0], TEXTS[i][1]);
    }
    return null;
  }
  function nameFor(button) {
    if (BY_ID[button.id]) return BY_ID[button.id];
    var icon = button.querySelector("svg[class*='lucide-']");
    if (!icon) return null;
    var classes = icon.getAttribute("class").split(/\s+/);
    for (var i = 0; i < classes.length; i++) {
      if (BY_ICON[classes[i]]) return BY_ICON[classes[i]];
    }
    return null;
  }
  function repair(root) {
    root.querySelectorAll("button:not([aria-label])").forEach(function (button) {
      if (button.textContent.trim() || button.getAttribute("aria-labelledby")) return;
      var name = nameFor(button);
      if (name) button.setAttribute("aria-label", name);
    });
    root.querySelectorAll("img:not([alt])").forEach(function (img) {
      img.setAttribute("alt", "");
    });
    // The attach button gets role="presentation" from its drop zone, which hides it from
    // screen readers as a button and forbids its name; it is the button that opens the file
    // chooser.
    root.querySelectorAll("button#upload-button[role='presentation']").forEach(function (b) {
      b.removeAttribute("role");
    });
    // A dialog named by a title id that does not exist (Chainlit's side sheet gives its title
    // an id of its own) is named by the title it shows; Radix also logs a console error then.
    root.querySelectorAll("[role='dialog'][aria-labelledby]").forEach(function (dialog) {
      if (root.getElementById(dialog.getAttribute("aria-labelledby"))) return;
      var title = dialog.querySelector("h2[id], [id$='-title']");
      if (title) dialog.setAttribute("aria-labelledby", title.id);
    });
    root.querySelectorAll("[role='dialog'][aria-describedby]").forEach(function (dialog) {
      if (!root.getElementById(dialog.getAttribute("aria-describedby"))) {
        dialog.removeAttribute("aria-describedby");
      }
    });
    root.querySelectorAll("[role='separator'][aria-controls]").forEach(function (el) {
      if (!root.getElementById(el.getAttribute("aria-controls"))) {
        el.removeAttribute("aria-controls");
      }
    });
    // The list of earlier conversations (Chainlit's sidebar): its outer list holds the
    // groups, not items, so it is no list; each conversation's menu (rename, delete) opens
    // from an element that says it has a popup but has no role: it is a button, named.
    root.querySelectorAll("ul[data-sidebar='menu']").forEach(function (list) {
      var items = Array.prototype.every.call(list.children, function (child) {
        return child.tagName === "LI";
      });
      if (!items) list.setAttribute("role", "none");
    });
    root.querySelectorAll("#thread-options[aria-haspopup]:not([role])").forEach(function (el) {
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", "Gesprek hernoemen of verwijderen");
    });
    root.querySelectorAll("[aria-label], [title], [alt], [placeholder]").forEach(function (el) {
      ATTRIBUTES.forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        var replacement = value && dutch(value);
        if (replacement && replacement !== value) el.setAttribute(attribute, replacement);
      });
    });
    // The sign-in form (password accounts) says in its own alert why a sign-in failed, in the
    // words of the translation file; Chainlit's client also raises the server's answer as a
    // notice ("Unauthorized", which would read as a missing widget key). One sentence: the
    // notice is hidden, and a sentence of the server's own that is not that (an account held
    // back after too many failures) takes the alert's place.
    var signIn = root.querySelector && root.querySelector("form input#password");
    if (signIn) {
      var alertText = root.querySelector("form [role='alert'] p");
      root.querySelectorAll("[data-sonner-toast]").forEach(function (toast) {
        if (toast.style.display === "none") return;
        var told = toast.textContent.trim();
        var english = /^\s*(Error: )?(Unauthorized|Invalid token|Not authenticated|credentialssignin)\b/i;
        if (alertText && told && !english.test(told) && told !== SIGN_IN) {
          alertText.textContent = told;
        }
        toast.style.display = "none";
      });
    }
    // One sentence once: a notice that repeats the open panel's alert, or an earlier notice,
    // is hidden (the widget raises both for one failed sign-in).
    var said = Array.prototype.map.call(root.querySelectorAll("#chainlit-copilot-chat p"),
                                        function (p) { return p.textContent.trim(); });
    root.querySelectorAll("[data-sonner-toast]").forEach(function (toast) {
      var text = toast.textContent.trim();
      if (said.indexOf(text) >= 0) { toast.style.display = "none"; } else { said.push(text); }
    });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || parent.closest(".message-content, textarea, style, script")) continue;
      var replacement = dutch(node.nodeValue);
      if (replacement === OFFLINE || node.nodeValue === OFFLINE) {
        probe(root);
        if (refused) replacement = CONFIG;
      } else if (node.nodeValue === CONFIG && !refused) {
        replacement = OFFLINE;
      }
      if (replacement && replacement !== node.nodeValue) node.nodeValue = replacement;
    }
  }

  // The widget signs in with its token after it first asked who its user is, and asks again
  // only when the window gains focus; until then it has no settings, and so no feedback
  // buttons. Once a message shows that sign-in is done, it is told the window has focus.
  var lastNudge = 0;
  function nudgeSettings(root) {
    if (!root.querySelector("[data-step-type='assistant_message']")) return;
    if (root.querySelector("button .lucide-thumbs-up")) return;
    if (Date.now() - lastNudge < 6000) return;
    lastNudge = Date.now();
    window.dispatchEvent(new Event("focus"));
  }

  // The widget's earlier conversations. The full page has Chainlit's list; the widget has none,
  // and reopens only the conversation this browser last had. Where the chat keeps history (a
  // signed-in user), a button in the widget's header lists the user's conversations, asked of
  // the chat itself (so they follow the user, not the browser); a click reopens one, through
  // the widget's own way to switch conversations.
  var EARLIER = {
    label: "Eerdere gesprekken",
    loading: "Gesprekken worden opgehaald\u2026",
    none: "Nog geen eerdere gesprekken.",
    failed: "De eerdere gesprekken konden niet worden opgehaald. Probeer het later opnieuw.",
    untitled: "Gesprek zonder vraag"
  };
  var HISTORY_ICON = '<svg width="24" height="24" ' +
    'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" class="!size-5">' +
    '<path d="M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8"/><path d="M3 3v5h5"/>' +
    '<path d="M12 7v5l4 2"/></svg>';
  var earlierState = null;  // null: not asked yet; "asking"; "kept" (history answers); "none"
  function threads() {
    return fetch(CHAT + "/project/threads", {
      method: "POST", credentials: "include", cache: "no-store",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({pagination: {first: 20, cursor: null}, filter: {}})
    }).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }).then(function (answer) { return answer.data || []; });
  }
  function earlier(root) {
    var header = root.querySelector("#chainlit-copilot-chat > div:first-child");
    var newChat = root.querySelector("#new-chat-button");
    if (!header || !newChat || typeof window.clearChainlitCopilotThreadId !== "function") return;
    if (earlierState === null) {
      // Asked once the widget has signed in (it shows a message then); the button is shown
      // only where the chat keeps history for this user.
      if (!root.querySelector("[data-step-type='assistant_message']")) return;
      earlierState = "asking";
      threads().then(function () { earlierState = "kept"; earlier(root); },
                     function () { earlierState = "none"; });
      return;
    }
    if (earlierState !== "kept" || root.getElementById("raadsgids-earlier")) return;
    var button = document.createElement("button");
    button.id = "raadsgids-earlier";
    button.type = "button";
    button.className = newChat.className;
    button.setAttribute("aria-label", EARLIER.label);
    button.setAttribute("title", EARLIER.label);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "raadsgids-earlier-list");
    button.innerHTML = HISTORY_ICON;
    var holder = newChat.parentElement;
    holder.parentElement.insertBefore(button, holder);
    button.addEventListener("click", function () {
      var open = root.getElementById("raadsgids-earlier-list");
      if (open) { open.remove(); button.setAttribute("aria-expanded", "false"); return; }
      showEarlier(root, header, button);
    });
  }
  function showEarlier(root, header, button) {
    var panel = document.createElement("div");
    panel.id = "raadsgids-earlier-list";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", EARLIER.label);
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.textContent = EARLIER.loading;
    panel.appendChild(status);
    header.parentElement.insertBefore(panel, header.nextSibling);
    button.setAttribute("aria-expanded", "true");
    function close() {
      panel.remove();
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    threads().then(function (found) {
      if (!found.length) { status.textContent = EARLIER.none; return; }
      status.textContent = "";
      var list = document.createElement("ul");
      var current = window.getChainlitCopilotThreadId ? window.getChainlitCopilotThreadId() : null;
      found.forEach(function (thread) {
        var item = document.createElement("li");
        var open = document.createElement("button");
        open.type = "button";
        var when = thread.createdAt ? new Date(thread.createdAt) : null;
        var name = document.createElement("span");
        name.textContent = thread.name || EARLIER.untitled;
        open.appendChild(name);
        if (when && !isNaN(when)) {
          var date = document.createElement("span");
          date.className = "raadsgids-earlier-date";
          date.textContent = when.toLocaleDateString("nl-NL", {day: "numeric", month: "long",
                                                               year: "numeric"});
          open.appendChild(date);
        }
        if (thread.id === current) open.setAttribute("aria-current", "true");
        open.addEventListener("click", function () {
          close();
          window.clearChainlitCopilotThreadId(thread.id);
        });
        item.appendChild(open);
        list.appendChild(item);
      });
      panel.appendChild(list);
      var first = list.querySelector("button");
      if (first) first.focus();
    }, function () { status.textContent = EARLIER.failed; });
  }

  function watch(root, observed, widget) {
    var lastCitationClick = 0;
    root.addEventListener("click", function (event) {
      var target = event.target;
      if (target && target.closest && target.closest("a.element-link")) {
        lastCitationClick = Date.now();
      }
    }, true);
    var shownContent = null;
    function closeUnaskedPanel() {
      // The page's side view, or the widget's passage dialog: titled with a citation number
      // (not the widget's own popover, nor the feedback dialog).
      var content = root.getElementById("side-view-content") ||
        Array.prototype.filter.call(root.querySelectorAll("[role='dialog']"), function (d) {
          var title = d.querySelector("h2");
          return title && /^\[\d+\]$/.test(title.textContent.trim());
        })[0];
      if (!content) { shownContent = null; return; }
      if (content === shownContent && content.dataset.raadsgidsItems === String(
          content.childElementCount)) return;
      var asked = Date.now() - lastCitationClick < 2000;
      shownContent = content;
      content.dataset.raadsgidsItems = String(content.childElementCount);
      if (asked) return;
      var scope = content;
      while (scope && !scope.querySelector("svg.lucide-arrow-left, svg.lucide-x")) {
        scope = scope.parentElement;
      }
      var icon = scope && scope.querySelector("svg.lucide-arrow-left, svg.lucide-x");
      var close = icon && icon.closest("button");
      if (close) {
        close.click();
      } else {
        document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}));
      }
    }
    // Chainlit scrolls its message list to the bottom when it opens; on a phone that cuts off
    // the top of the welcome screen, so a new welcome screen is shown from its start.
    var shownWelcome = null;
    function showWelcomeStart() {
      var welcome = root.getElementById("welcome-screen");
      if (!welcome || welcome === shownWelcome) return;
      shownWelcome = welcome;
      window.setTimeout(function () {
        for (var el = welcome.parentElement; el; el = el.parentElement) {
          if (el.scrollTop > 0) el.scrollTop = 0;
        }
      }, 150);
    }
    var answering = null;
    var seenAnswers = -1;
    function showAnswerStart() {
      var answers = root.querySelectorAll("[data-step-type='assistant_message']");
      if (seenAnswers < 0) { seenAnswers = answers.length; return; }  // a resumed thread
      var running = !!root.getElementById("stop-button");
      if (answers.length > seenAnswers) {
        answering = answers[answers.length - 1];
        seenAnswers = answers.length;
      } else if (answers.length < seenAnswers) {
        seenAnswers = answers.length;  // a new conversation
      }
      if (answering && !running && root.getElementById("chat-submit")) {
        var start = answering;
        answering = null;
        // After Chainlit's own last scroll to the bottom.
        window.setTimeout(function () { start.scrollIntoView({block: "start"}); }, 150);
      }
    }
    var scheduled = false;
    new MutationObserver(function () {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        repair(root);
        closeUnaskedPanel();
        showWelcomeStart();
        showAnswerStart();
        if (widget) { nudgeSettings(root); earlier(root); }
      });
    }).observe(observed, {childList: true, subtree: true, characterData: true, attributes: true,
                          attributeFilter: ["aria-controls", "aria-labelledby", "aria-describedby"]
                            .concat(ATTRIBUTES)});
    repair(root);
  }

  if (window.mountChainlitWidget) {
    // In the widget's bundle: wait for its shadow root.
    var timer = window.setInterval(function () {
      var host = document.getElementById("chainlit-copilot");
      if (host && host.shadowRoot) {
        window.clearInterval(timer);
        // The page's stylesheet (the chat server puts it in RAADSGIDS_CSS), and the header's
        // logo 40 px high instead of 100: a small panel needs the room. A municipality's wide
        // logo keeps its proportions, up to 10rem wide.
        var style = document.createElement("style");
        style.textContent = (window.RAADSGIDS_CSS || "") +
          "\nimg[src*='/logo?'] { height: 40px !important; width: auto !important; " +
          "max-width: 10rem; object-fit: contain; }";
        host.shadowRoot.appendChild(style);
        watch(host.shadowRoot, host.shadowRoot, true);
      }
    }, 100);
  } else {
    watch(document, document.documentElement, false);
  }
})();
