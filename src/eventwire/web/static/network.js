// Actor network: a small force-directed layout in plain JS + SVG over /api/network (URL in data-api).
// Node labels and tooltips are set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var W = 1200, H = 600;

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  // Mean Goldstein -10..+10 to a red..grey..green colour.
  function colour(g) {
    if (g === null || g === undefined) return "#9aa3b5";
    var t = Math.max(-1, Math.min(1, g / 4));
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
    var marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
    el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#7b8497" }, marker);

    var nodes = data.nodes.map(function (n, i) {
      var a = 2 * Math.PI * i / data.nodes.length;
      return { id: n.id, name: n.name, n: n.n, x: W / 2 + 200 * Math.cos(a), y: H / 2 + 200 * Math.sin(a), dx: 0, dy: 0 };
    });
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var maxN = Math.max.apply(null, nodes.map(function (n) { return n.n; }));
    var maxE = Math.max.apply(null, data.edges.map(function (e) { return e.n; }));
    nodes.forEach(function (n) { n.r = 6 + 16 * Math.sqrt(n.n / maxN); });
    var edges = data.edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], d: e }; });

    // Fruchterman-Reingold: repulsion k²/d between all nodes, attraction d²/k along edges, a weak pull
    // to the centre, moves capped by a temperature that cools over 300 steps.
    var k = 0.6 * Math.sqrt(W * H / Math.max(nodes.length, 1));
    for (var step = 0; step < 300; step++) {
      var temp = (W / 8) * (1 - step / 300) + 1;
      nodes.forEach(function (n) { n.dx = (W / 2 - n.x) * 0.08; n.dy = (H / 2 - n.y) * 0.08; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y;
          var d = Math.max(Math.sqrt(dx * dx + dy * dy), 1), f = k * k / d;
          a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1), f = d * d / k;
        e.s.dx += dx / d * f; e.s.dy += dy / d * f; e.t.dx -= dx / d * f; e.t.dy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        var len = Math.max(Math.sqrt(n.dx * n.dx + n.dy * n.dy), 0.01), move = Math.min(len, temp);
        n.x += n.dx / len * move; n.y += n.dy / len * move;
        n.x = Math.max(n.r + 20, Math.min(W - n.r - 60, n.x)); n.y = Math.max(n.r + 14, Math.min(H - n.r - 14, n.y));
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
      // codes are short and known; named actors by name (the full name is in the tooltip either way)
      label.textContent = data.level === "actor" && n.name ? n.name : n.id;
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
