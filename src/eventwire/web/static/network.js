// Actor network: a small force-directed layout in plain JS + SVG over /api/network (URL in data-api).
// Node labels and tooltips are set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 560;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  // Mean Goldstein -10..+10 to a red..grey..green colour.
  function colour(g) {
    if (g === null || g === undefined) return "#9aa3b5";
    var t = Math.max(-1, Math.min(1, g / 6));
    var grey = [154, 163, 181], red = [214, 69, 69], green = [31, 157, 85];
    var to = t < 0 ? red : green, a = Math.abs(t);
    var c = grey.map(function (v, i) { return Math.round(v + (to[i] - v) * a); });
    return "rgb(" + c.join(",") + ")";
  }

  function draw(data) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    if (!data.edges.length) {
      var t = el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "class": "muted" }, svg);
      t.textContent = "No edges for these filters.";
      return;
    }
    var defs = el("defs", {}, svg);
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#7b8497" }, marker);

    var nodes = data.nodes.map(function (n, i) {
      var a = 2 * Math.PI * i / data.nodes.length;
      return { id: n.id, name: n.name, n: n.n, x: W / 2 + 200 * Math.cos(a), y: H / 2 + 200 * Math.sin(a), vx: 0, vy: 0 };
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var maxN = Math.max.apply(null, nodes.map(function (n) { return n.n; }));
    var maxE = Math.max.apply(null, data.edges.map(function (e) { return e.n; }));
    nodes.forEach(function (n) { n.r = 6 + 16 * Math.sqrt(n.n / maxN); });
    var edges = data.edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], d: e }; });

    // Repulsion between all nodes, springs along edges, a pull to the centre; cooled over 300 steps.
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d2 = Math.max(dx * dx + dy * dy, 25), f = 2600 / d2, d = Math.sqrt(d2);
          a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
        }
      }
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        var f = (d - 140) * 0.02;
        e.s.vx += f * dx / d; e.s.vy += f * dy / d; e.t.vx -= f * dx / d; e.t.vy -= f * dy / d;
      });
      nodes.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.01; n.vy += (H / 2 - n.y) * 0.01;
        n.x += Math.max(-20, Math.min(20, n.vx * cool)); n.y += Math.max(-20, Math.min(20, n.vy * cool));
        n.x = Math.max(n.r + 30, Math.min(W - n.r - 30, n.x)); n.y = Math.max(n.r + 12, Math.min(H - n.r - 12, n.y));
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }

    var gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
    edges.forEach(function (e) {
      e.path = el("path", { "class": "edge", stroke: colour(e.d.goldstein_mean), "stroke-opacity": 0.8,
        "stroke-width": 1 + 6 * e.d.n / maxE, "marker-end": "url(#arrow)" }, gEdges);
      var title = el("title", {}, e.path);
      title.textContent = e.d.source + " → " + e.d.target + ": " + e.d.n + " events (" + e.d.cooperation +
        " cooperation, " + e.d.conflict + " conflict), mean Goldstein " + e.d.goldstein_mean;
    });
    nodes.forEach(function (n) {
      n.g = el("g", { "class": "node", tabindex: 0 }, gNodes);
      el("circle", { r: n.r, fill: "#4a6fd1" }, n.g);
      var label = el("text", { x: n.r + 3, y: 4 }, n.g);
      label.textContent = n.name && n.name !== n.id ? n.id + " · " + n.name : n.id;
      var title = el("title", {}, n.g);
      title.textContent = (n.name || n.id) + ": " + n.n + " events";
      n.g.addEventListener("click", function () { if (!dragged) location.href = "/actors/" + encodeURIComponent(n.id); });
      n.g.addEventListener("mousedown", function (ev) { drag = n; dragged = false; ev.preventDefault(); });
    });

    function place() {
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        // curve a little so A→B and B→A stay apart; stop at the target's rim
        var ex = e.t.x - dx / d * (e.t.r + 2), ey = e.t.y - dy / d * (e.t.r + 2);
        var mx = (e.s.x + ex) / 2 - dy / d * 18, my = (e.s.y + ey) / 2 + dx / d * 18;
        e.path.setAttribute("d", "M" + e.s.x.toFixed(1) + "," + e.s.y.toFixed(1) + " Q" + mx.toFixed(1) + "," + my.toFixed(1) + " " + ex.toFixed(1) + "," + ey.toFixed(1));
      });
      nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    }
    var drag = null, dragged = false;
    svg.addEventListener("mousemove", function (ev) {
      if (!drag) return;
      var pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
      var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      drag.x = p.x; drag.y = p.y; dragged = true; place();
    });
    window.addEventListener("mouseup", function () { drag = null; });
    place();
    svg.setAttribute("data-ready", String(nodes.length));
  }

  fetch(svg.getAttribute("data-api"), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(draw)
    .catch(function (err) {
      var t = el("text", { x: 20, y: 30 }, svg);
      t.textContent = "Could not load the network: " + err;
    });
})();
