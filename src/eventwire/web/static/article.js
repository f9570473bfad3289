// Article page: hovering, focusing or clicking a highlight shows the records behind it (copies of the
// record cards in the sidebar, which the server rendered and escaped). No HTML strings are built here.
(function () {
  "use strict";
  var popup = document.getElementById("popup");
  var text = document.getElementById("article-text");
  if (!popup || !text) return;
  var pinned = null;

  function cardsFor(el) {
    return (el.getAttribute("data-refs") || "").split(" ").map(function (id) {
      return id ? document.getElementById(id) : null;
    }).filter(Boolean);
  }

  function show(el) {
    var cards = cardsFor(el);
    if (!cards.length) return;
    while (popup.firstChild) popup.removeChild(popup.firstChild);
    cards.forEach(function (card) {
      var copy = card.cloneNode(true);
      copy.removeAttribute("id");
      popup.appendChild(copy);
    });
    var r = el.getBoundingClientRect();
    popup.hidden = false;
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - popup.offsetWidth - 8);
    popup.style.left = Math.max(8, left) + "px";
    popup.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hide() { if (!pinned) popup.hidden = true; }

  function activate(el) {
    document.querySelectorAll(".record.active").forEach(function (c) { c.classList.remove("active"); });
    cardsFor(el).forEach(function (card, i) {
      card.classList.add("active");
      if (i === 0) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  }

  text.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest("[data-refs]");
    if (el && !pinned) show(el);
  });
  text.addEventListener("mouseout", function (ev) {
    if (ev.target.closest("[data-refs]")) hide();
  });
  text.addEventListener("focusin", function (ev) {
    var el = ev.target.closest("[data-refs]");
    if (el) show(el);
  });
  text.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-refs]");
    if (!el) return;
    pinned = el;
    show(el);
    activate(el);
    ev.stopPropagation();
  });
  text.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches("[data-refs]")) ev.target.click();
  });
  document.addEventListener("click", function (ev) {
    if (!popup.contains(ev.target)) { pinned = null; popup.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; popup.hidden = true; }
  });

  // Arriving at /articles/ID#EVENT (from a list or a dyad chart): mark that record and its text.
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var card = document.getElementById(id);
    if (!card) return;
    var mark = Array.prototype.find.call(text.querySelectorAll("[data-refs]"), function (el) {
      return el.getAttribute("data-refs").split(" ").indexOf(id) >= 0;
    });
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      pinned = mark;
      show(mark);
      activate(mark);
    } else {
      card.classList.add("active");
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
