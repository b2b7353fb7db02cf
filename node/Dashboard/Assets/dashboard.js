// The HwbpCluster dashboard: one server-sent-events stream (/dashboard/events) gives a snapshot, then patches that carry only
// what changed. Patches are coalesced: whatever arrives before the next frame is applied at once, and only the host cards
// that changed are rebuilt, so 100 hosts of 8 CPUs stay cheap to follow.
"use strict";
(() => {
  const LIST_ROWS = 200;   // rows shown per list (queue, suspended); the rest are counted
  const LOG_LINES = 300;   // log lines kept on the page

  const $ = (id) => document.getElementById(id);
  const hostsEl = $("hosts");
  const state = { self: "", members: [], hosts: new Map(), pending: [], scheduled: false };
  // What the browser tests read: when the first snapshot was drawn, how many patches were applied.
  // Times are performance.now(): milliseconds since navigation start.
  const probe = window.hwbpDashboard = { streamOpenedAt: 0, snapshotReceivedAt: 0, snapshotPaintedAt: 0, snapshotRenderedAt: 0, snapshots: 0, patches: 0, lastPatchTime: 0,
    delays: [], periods: [] };

  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  // Wire enum names without their type's prefix: CLIENT_KIND_PERF -> PERF.
  const enumName = (value) => String(value ?? "").replace(/^(CLIENT_KIND|RESERVATION_STATE|MEMBER_STATUS|ACCESS)_/, "");
  const hex = (value) => "0x" + BigInt(value ?? 0).toString(16);

  function scopeText(scope) {
    if (!scope) return "";
    if (scope.cpu) return "cpu " + scope.cpu.cpu;
    if (scope.task) return "task " + scope.task.tid;
    if (scope.taskOnCpu) return "task " + scope.taskOnCpu.tid + " on cpu " + scope.taskOnCpu.cpu;
    if (scope.process) return "process " + scope.process.pid;
    return "all cpus";
  }

  // A process reservation is listed as one part per task: each names its process.
  const whereText = (r) => scopeText(r.scope) + (r.processPid && r.processPid !== "0" ? " of process " + r.processPid : "");

  const breakpointText = (bp) => bp ? `${enumName(bp.access).toLowerCase()} ${hex(bp.address)}/${bp.length}` : "";

  // Slot names by architecture: DR0..DR3 on x86; split pools as instruction then data slots.
  function slotName(hostState, index) {
    const arch = hostState.arch;
    if (arch === "x86-64") return "DR" + index;
    if (hostState.sharedPool) return "S" + index;
    const instruction = hostState.instructionSlots;
    if (index < instruction) return (arch === "arm64" ? "BRP" : arch.startsWith("ppc64") ? "IABR" : "I") + index;
    return (arch === "arm64" ? "WRP" : arch.startsWith("ppc64") ? "DAWR" : "D") + (index - instruction);
  }

  function slotCount(hostState) {
    return hostState.sharedPool ? hostState.dataSlots : hostState.instructionSlots + hostState.dataSlots;
  }

  // A host card, as one string: built for every host at once into one innerHTML on a snapshot (one parse, one layout).
  // The DOM is kept lean, as it is what the browser lays out and paints 3,200 times for 100 hosts of 8 CPUs: the slot names
  // head the columns once per card, a free slot is one empty element (its name in its title), a CPU's label is one text.
  function renderHost(host) {
    const s = host.state;
    const byId = new Map(host.reservations.map((r) => [r.id, r]));
    let html = `<header><b>${esc(host.name)}</b><span class="meta">${esc(host.node)}`;
    if (s) html += ` · ${esc(s.arch)} · ${esc(s.backend)} · ${s.cpus.length} cpus`;
    html += `</span><span class="rate">${host.hitsPerSecond} hits/s</span></header>`;
    if (!host.reachable) html += `<div class="error">unreachable${s ? " (last known state)" : ""}</div>`;
    else if (host.error) html += `<div class="error">${esc(host.error)}</div>`;
    if (!s) return html;
    const count = slotCount(s);
    const names = Array.from({ length: count }, (_, i) => slotName(s, i));
    const h = esc(host.name);
    html += `<div class="cpu head"><span></span>${names.map((n) => `<span>${n}</span>`).join("")}</div>`;
    for (const cpu of s.cpus) {
      const slots = new Map(cpu.slots.map((slot) => [slot.index, slot]));
      const borrowed = cpu.borrowedBySession;
      html += `<div class="cpu${borrowed ? " borrowed" : ""}" data-cpu="${cpu.cpu}"><span${borrowed ? ` title="KVM guest of ${esc(borrowed)}"` : ""}>` +
        `cpu${cpu.cpu} · ${cpu.runningTid !== "0" ? "tid " + esc(cpu.runningTid) : "idle"}</span>`;
      for (let i = 0; i < count; i++) html += slotCell(host, h, cpu, slots.get(i), i, names[i], byId);
      html += `</div>`;
    }
    return html;
  }

  // Rows a card needs below its header: its CPUs, the slot-name row, and a line for an error (the card's height is set from
  // it, so the grid of cards is placed without laying out each card's insides first).
  const cardRows = (host) => (host.state ? host.state.cpus.length + 1 : 0) + (!host.reachable || host.error ? 1 : 0);

  function slotCell(host, h, cpu, slot, index, name, byId) {
    const attrs = `data-host="${h}" data-cpu="${cpu.cpu}" data-slot="${index}"`;
    const id = slot?.reservationId ?? "";
    if (!slot || (!id && !slot.breakpoint)) {
      return `<i class="slot" ${attrs} data-reservation="" title="${name} free"></i>`;
    }
    if (!id) {  // a KVM guest's own breakpoint, armed while it holds the CPU (hidden from other tokens: no breakpoint then)
      const bp = slot.breakpoint;
      return `<i class="slot k-guest" ${attrs} data-reservation="" title="${name}: guest of ${esc(cpu.borrowedBySession)} ${esc(breakpointText(bp))}">` +
        `${name} guest<br>${bp ? hex(bp.address) : ""}</i>`;
    }
    const r = byId.get(id);
    const kind = r ? enumName(r.clientKind) : "";
    // Another token's reservation comes without its session, label, breakpoint or hits (the gRPC API's rule): its kind only.
    const hidden = !r || !r.sessionId;
    const rate = host.rates[id];
    const title = [`${name}: ${id}`, hidden ? `${kind} (another session)` : `${kind} session ${r.sessionId}`, breakpointText(slot.breakpoint),
      r && whereText(r), r && r.label && `label ${r.label}`, !hidden && `${r.hits} hits${rate ? ` (${rate}/s)` : ""}`]
      .filter(Boolean).join("\n");
    const detail = hidden ? "another session" : `${hex(slot.breakpoint?.address)} ${esc(r.label || r.sessionId)}`;
    return `<i class="slot k-${kind.toLowerCase()}" ${attrs} data-reservation="${esc(id)}" data-kind="${esc(kind)}" title="${esc(title)}">` +
      `${name} ${esc(kind)}<br>${detail}</i>`;
  }

  function renderMembers() {
    $("members").tBodies[0].innerHTML = state.members.map((m) => {
      const status = enumName(m.status);
      const labels = Object.entries(m.labels || {}).map(([k, v]) => `${k}=${v}`).join(",");
      return `<tr data-member="${esc(m.node)}" data-status="${esc(status)}" data-reachable="${m.reachable}">` +
        `<td>${esc(m.node)}${m.node === state.self ? " (this node)" : ""}</td><td>${esc(status)}</td>` +
        `<td>${m.reachable ? "yes" : "UNREACHABLE"}</td><td>${esc(m.address)}</td><td>${esc((m.hosts || []).join(", "))}</td><td>${esc(labels)}</td></tr>`;
    }).join("");
  }

  function renderList(tableId, countId, reservations) {
    $(countId).textContent = reservations.length;
    const rows = reservations.slice(0, LIST_ROWS).map((r) =>
      `<tr data-reservation="${esc(r.id)}"><td>${esc(r.id)}</td><td>${esc(enumName(r.clientKind))}</td><td>${esc(r.sessionId || "(another session)")}</td>` +
      `<td>${esc(breakpointText(r.breakpoint))}</td><td>${esc(whereText(r))}</td><td>${esc(r.label)}</td></tr>`);
    if (reservations.length > LIST_ROWS) rows.push(`<tr class="more"><td colspan="6">… ${reservations.length - LIST_ROWS} more</td></tr>`);
    $(tableId).tBodies[0].innerHTML = rows.join("");
  }

  // The summaries span every host, so they are recomputed from the model (cheap) rather than patched.
  function renderSummaries() {
    const queued = [], suspended = [];
    let cpus = 0, slots = 0, used = 0, reservations = 0, rate = 0, reachable = 0;
    for (const host of state.hosts.values()) {
      if (host.reachable) reachable++;
      rate += host.hitsPerSecond;
      reservations += host.reservations.length;
      for (const r of host.reservations) {
        if (r.queued) queued.push(r);
        else if (enumName(r.state) === "SUSPENDED") suspended.push(r);
      }
      if (!host.state) continue;
      const count = slotCount(host.state);
      cpus += host.state.cpus.length;
      slots += count * host.state.cpus.length;
      for (const cpu of host.state.cpus) used += cpu.slots.filter((s) => s.reservationId || s.breakpoint).length;
    }
    renderList("queue", "queue-count", queued);
    renderList("suspended", "suspended-count", suspended);
    const up = state.members.filter((m) => enumName(m.status) === "UP" && m.reachable).length;
    const totals = [["members up", `${up}/${state.members.length}`], ["hosts reachable", `${reachable}/${state.hosts.size}`],
      ["cpus", cpus], ["slots used", `${used}/${slots}`], ["reservations", reservations], ["queued", queued.length],
      ["suspended", suspended.length], ["hits/s", Math.round(rate * 10) / 10]];
    $("totals").innerHTML = totals.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join("");
  }

  function appendLog(lines) {
    const log = $("log");
    const html = lines.map((l) => `<li><time>${esc(l.time)}</time>${esc(l.text)}</li>`).reverse().join("");
    log.insertAdjacentHTML("afterbegin", html);
    while (log.children.length > LOG_LINES) log.lastElementChild.remove();
  }

  function hostElement(name) {
    let entry = state.hosts.get(name);
    if (entry?.el) return entry.el;
    const el = document.createElement("section");
    el.className = "host";
    hostsEl.appendChild(el);
    return el;
  }

  function setHost(host) {
    const el = hostElement(host.name);
    host.el = el;
    host.dirty = true;
    state.hosts.set(host.name, host);
  }

  function drawHost(host) {
    host.dirty = false;
    const el = host.el;
    el.dataset.host = host.name;
    el.dataset.node = host.node;
    el.dataset.reachable = host.reachable;
    el.style.setProperty("--rows", cardRows(host));
    el.innerHTML = renderHost(host);
  }

  function drawDirtyHosts() {
    for (const host of state.hosts.values()) {
      if (host.dirty) drawHost(host);
    }
  }

  // Every card of a snapshot in one string and one innerHTML: one parse and one layout, not a hundred.
  function drawAllHosts(hosts) {
    state.hosts.clear();
    hostsEl.innerHTML = hosts.map((host) =>
      `<section class="host" data-host="${esc(host.name)}" data-node="${esc(host.node)}" data-reachable="${host.reachable}">` +
      `${renderHost(host)}</section>`).join("");
    hosts.forEach((host, i) => {
      host.el = hostsEl.children[i];
      // Through the CSSOM: the page's policy allows no inline style attributes.
      host.el.style.setProperty("--rows", cardRows(host));
      host.dirty = false;
      state.hosts.set(host.name, host);
    });
  }

  function onSnapshot(snapshot) {
    state.pending = [];
    state.self = snapshot.self;
    // A token that is not admin sees other tokens' reservations redacted by the node (kind only): say so.
    $("self").textContent = "· node " + snapshot.self +
      (snapshot.viewer ? ` · viewing as ${snapshot.viewer}: other tokens' reservations show their kind only` : "");
    state.members = snapshot.members;
    drawAllHosts(snapshot.hosts);
    $("log").textContent = "";
    appendLog(snapshot.log);
    renderMembers();
    renderSummaries();
    probe.snapshots++;
    probe.lastPatchTime = snapshot.time;
    // Painted: the browser's own paint time of the first host card's name (Element Timing), drawn in the frame that shows
    // the snapshot; rendered: the first task after that frame (later where the main thread is busy).
    if (!probe.snapshotRenderedAt) {
      hostsEl.querySelector(".host b")?.setAttribute("elementtiming", "snapshot");
      requestAnimationFrame(() => setTimeout(() => { probe.snapshotRenderedAt ||= performance.now(); }));
    }
  }

  function flush() {
    state.scheduled = false;
    const patches = state.pending;
    state.pending = [];
    if (patches.length === 0) return;
    let membersChanged = false;
    const lines = [];
    for (const patch of patches) {
      if (patch.members) { state.members = patch.members; membersChanged = true; }
      patch.hosts.forEach(setHost);
      for (const name of patch.removed) {
        state.hosts.get(name)?.el.remove();
        state.hosts.delete(name);
      }
      lines.push(...patch.log);
      // How long after the node's read the page drew it, and how far apart the node's reads are.
      probe.delays.push(Date.now() - patch.time);
      probe.periods.push(patch.time - probe.lastPatchTime);
      if (probe.delays.length > 500) { probe.delays.shift(); probe.periods.shift(); }
      probe.lastPatchTime = patch.time;
    }
    if (membersChanged) renderMembers();
    drawDirtyHosts();
    renderSummaries();
    if (lines.length) appendLog(lines);
    probe.patches += patches.length;
  }

  function schedule() {
    if (state.scheduled) return;
    state.scheduled = true;
    // The next frame, or 100 ms where frames are throttled (a hidden tab): whichever comes first applies everything pending.
    let done = false;
    const run = () => { if (!done) { done = true; flush(); } };
    requestAnimationFrame(run);
    setTimeout(run, 100);
  }

  function connect() {
    const connection = $("connection");
    const source = new EventSource("events");
    source.onopen = () => {
      connection.dataset.state = "live";
      connection.textContent = "live";
      probe.streamOpenedAt ||= performance.now();
    };
    source.onerror = () => { connection.dataset.state = "reconnecting"; connection.textContent = "reconnecting…"; };
    source.addEventListener("snapshot", (e) => {
      probe.snapshotReceivedAt ||= performance.now();
      const snapshot = JSON.parse(e.data);
      probe.snapshotParsedAt ||= performance.now();
      onSnapshot(snapshot);
      probe.snapshotBuiltAt ||= performance.now();
    });
    source.addEventListener("patch", (e) => { state.pending.push(JSON.parse(e.data)); schedule(); });
  }

  if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes?.includes("element")) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.identifier === "snapshot") probe.snapshotPaintedAt ||= entry.renderTime || entry.loadTime;
      }
    }).observe({ type: "element", buffered: true });
  }

  connect();
})();
