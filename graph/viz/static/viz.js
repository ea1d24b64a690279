// The page's behaviour: tooltips, side panel, search and relation filter.
// Every piece of graph text reaches the DOM through textContent, never as markup.
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // vis-network shows a string title with innerText on one unwrapped line; an element lets
  // long quotes wrap while staying plain text.
  function withTextTitle(item) {
    return Object.assign({}, item, { title: element("div", "kg-tip", item.title) });
  }

  const page = readJson("kg-page");
  const nodes = new vis.DataSet(readJson("kg-nodes").map(withTextTitle));
  const edges = new vis.DataSet(readJson("kg-edges").map(withTextTitle));
  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, page.options);
  // Tests, benchmarks and curious users reach the network from the console through this.
  window.kgView = { network: network, nodes: nodes, edges: edges, ready: false };

  function markReady() {
    network.once("afterDrawing", function () {
      window.kgView.ready = true;
      window.kgView.readyAt = performance.now();  // milliseconds since navigation began
      document.body.dataset.state = "ready";
    });
    network.redraw();
  }

  if (page.options.physics.enabled && nodes.length) {
    // A short physics run, hidden, polishes the networkx layout; then physics stops so the
    // picture holds still.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      window.kgView.settled = true;
      markReady();
    });
  } else {
    markReady();
  }

  // Side panel: the claims behind a node or an edge, with their quotes and articles. Edges carry
  // their best few claims and count the rest; a hub's panel stops at PANEL_CLAIMS.
  const PANEL_CLAIMS = 200;
  const panel = document.getElementById("kg-panel");
  const panelTitle = document.getElementById("kg-panel-title");
  const panelSubtitle = document.getElementById("kg-panel-subtitle");
  const panelClaims = document.getElementById("kg-panel-claims");
  const panelMore = document.getElementById("kg-panel-more");

  function count(number, noun) {
    return number.toLocaleString("en-US") + " more " + noun + (number === 1 ? "" : "s");
  }

  function claimItem(claim) {
    const item = element("li", "kg-claim");
    const head = nodes.get(claim.subject).fullLabel + " — " + claim.relation + " → " + nodes.get(claim.object).fullLabel;
    item.appendChild(element("div", "kg-claim-head", head));
    let meta = claim.modality;
    if (claim.confidence !== null) meta += " · confidence " + claim.confidence.toFixed(2);
    if (claim.source) meta += " · according to " + claim.source;
    item.appendChild(element("div", "kg-claim-meta", meta));
    if (claim.quote) item.appendChild(element("blockquote", "kg-claim-quote", "« " + claim.quote + " »"));
    item.appendChild(element("div", "kg-claim-article", claim.article));
    return item;
  }

  function showPanel(title, subtitle, claimIndices, more) {
    panelTitle.textContent = title;
    panelSubtitle.textContent = subtitle;
    panelClaims.replaceChildren();
    claimIndices.forEach(function (index) {
      panelClaims.appendChild(claimItem(page.claims[index]));
    });
    if (!claimIndices.length) panelClaims.appendChild(element("li", "kg-claim", "No claim."));
    panelMore.textContent = more;
    panel.hidden = false;
  }

  function showEdge(edge) {
    const more = edge.more ? "and " + count(edge.more, "claim") + " — `" + edge.why + "` lists them all" : "";
    showPanel(edge.relation, nodes.get(edge.from).fullLabel + " → " + nodes.get(edge.to).fullLabel, edge.claims, more);
  }

  function showNode(id) {
    const node = nodes.get(id);
    let indices = [];
    let more = 0;
    edges.get({ filter: function (edge) { return edge.from === id || edge.to === id; } }).forEach(function (edge) {
      indices = indices.concat(edge.claims);
      more += edge.more;
    });
    more += Math.max(indices.length - PANEL_CLAIMS, 0);
    indices = indices.slice(0, PANEL_CLAIMS);
    const text = more ? "and " + count(more, "claim") + " — click an edge for its own; `kg why` lists them all" : "";
    showPanel(node.fullLabel, node.nodeClass + " · " + id, indices, text);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(edges.get(params.edges[0]));
    }
  });
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
  });

  // Search: exact label first, then the first label containing the text.
  const searchInput = document.getElementById("kg-search-input");
  const searchStatus = document.getElementById("kg-search-status");
  const names = document.getElementById("kg-node-names");
  nodes.forEach(function (node) {
    const option = document.createElement("option");
    option.value = node.fullLabel;
    names.appendChild(option);
  });

  function findNode(text) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) return null;
    const all = nodes.get();
    return all.find(function (node) { return node.fullLabel.toLowerCase() === wanted; }) ||
      all.find(function (node) { return node.fullLabel.toLowerCase().includes(wanted); }) || null;
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    const node = findNode(searchInput.value);
    searchStatus.textContent = node ? "" : "No node matches.";
    if (node) focusNode(node.id);
  });

  // Relation filter: hiding an edge keeps it in the DataSet, so it comes back unchanged.
  document.querySelectorAll("input[data-relation]").forEach(function (box) {
    box.addEventListener("change", function () {
      const relation = box.dataset.relation;
      edges.update(edges.get({ filter: function (edge) { return edge.relation === relation; } })
        .map(function (edge) { return { id: edge.id, hidden: !box.checked }; }));
    });
  });

  if (page.focus && nodes.get(page.focus)) {
    network.once("afterDrawing", function () { network.selectNodes([page.focus]); });
  }
})();
