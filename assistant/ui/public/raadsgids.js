// Accessibility repairs (WCAG 2.1 AA) for Chainlit's own controls, in Dutch:
// - icon-only buttons get an accessible name from their icon (4.1.2);
// - images without alt next to their own text are marked decorative (1.1.1);
// - a resize handle pointing at a panel id that does not exist loses that reference (4.1.2).
// And one repair of behaviour: the source panel opens only when the reader clicks a citation.
// Chainlit 2.12 opens the side view by itself whenever an answer's side elements arrive, with
// every passage of the answer stacked under the last one's number; a panel that opens without
// a click on a citation just before is closed again.
// And when an answer is complete, the reader is brought to its start (the short answer), not
// left at the end of its source list where Chainlit's scrolling stops.
// Chainlit renders with React, so the repairs are re-applied whenever the page changes.
(function () {
  "use strict";
  var BY_ID = {
    "new-chat-button": "Nieuw gesprek",
    "chat-submit": "Vraag versturen",
    "stop-button": "Antwoord stoppen",
    "theme-toggle": "Thema wisselen"
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
    "lucide-thumbs-down": "Niet nuttig"
  };
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
  function repair() {
    document.querySelectorAll("button:not([aria-label])").forEach(function (button) {
      if (button.textContent.trim() || button.getAttribute("aria-labelledby")) return;
      var name = nameFor(button);
      if (name) button.setAttribute("aria-label", name);
    });
    document.querySelectorAll("img:not([alt])").forEach(function (img) {
      img.setAttribute("alt", "");
    });
    document.querySelectorAll("[role='separator'][aria-controls]").forEach(function (el) {
      if (!document.getElementById(el.getAttribute("aria-controls"))) {
        el.removeAttribute("aria-controls");
      }
    });
  }
  var lastCitationClick = 0;
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("a.element-link")) {
      lastCitationClick = Date.now();
    }
  }, true);
  var shownContent = null;
  function closeUnaskedPanel() {
    var content = document.getElementById("side-view-content");
    if (!content) { shownContent = null; return; }
    if (content === shownContent && content.dataset.raadsgidsItems === String(
        content.childElementCount)) return;
    var asked = Date.now() - lastCitationClick < 2000;
    shownContent = content;
    content.dataset.raadsgidsItems = String(content.childElementCount);
    if (asked) return;
    var scope = content.parentElement;
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
  var answering = null;
  var seenAnswers = -1;
  function showAnswerStart() {
    var answers = document.querySelectorAll("[data-step-type='assistant_message']");
    if (seenAnswers < 0) { seenAnswers = answers.length; return; }  // a resumed thread
    var running = !!document.getElementById("stop-button");
    if (answers.length > seenAnswers) {
      answering = answers[answers.length - 1];
      seenAnswers = answers.length;
    } else if (answers.length < seenAnswers) {
      seenAnswers = answers.length;  // a new conversation
    }
    if (answering && !running && document.getElementById("chat-submit")) {
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
      repair();
      closeUnaskedPanel();
      showAnswerStart();
    });
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                        attributeFilter: ["aria-controls"]});
  document.addEventListener("DOMContentLoaded", repair);
})();
