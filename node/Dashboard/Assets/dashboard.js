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
    return "all cpus";
  }

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

  function renderHost(host) {
    const s = host.state;
    const byId = new Map(host.reservations.map((r) => [r.id, r]));
    let html = `<header><b>${esc(host.name)}</b><span class="meta">${esc(host.node)}`;
    if (s) html += ` · ${esc(s.arch)} · ${esc(s.backend)} · ${s.cpus.length} cpus`;
    html += `</span><span class="rate">${host.hitsPerSecond} hits/s</span></header>`;
    if (!host.reachable) html += `<div class="error">unreachable${s ? " (last known state)" : ""}</div>`;
    else if (host.error) html += `<div class="error">${esc(host.error)}</div>`;
    if (s) {
      html += `<table class="cpus">`;
      const count = slotCount(s);
      for (const cpu of s.cpus) {
        const slots = new Map(cpu.slots.map((slot) => [slot.index, slot]));
        const borrowed = cpu.borrowedBySession;
        html += `<tr data-cpu="${cpu.cpu}"${borrowed ? ' class="borrowed"' : ""}><th title="${borrowed ? "KVM guest of " + esc(borrowed) : ""}">cpu${cpu.cpu}`;
        html += `<small>${cpu.runningTid !== "0" ? "tid " + esc(cpu.runningTid) : "idle"}</small></th>`;
        for (let i = 0; i < count; i++) html += slotCell(host, s, cpu, slots.get(i), i, byId);
        html += `</tr>`;
      }
      html += `</table>`;
    }
    return html;
  }

  function slotCell(host, s, cpu, slot, index, byId) {
    const name = slotName(s, index);
    const attrs = `data-host="${esc(host.name)}" data-cpu="${cpu.cpu}" data-slot="${index}"`;
    const id = slot?.reservationId ?? "";
    if (!slot || (!id && !slot.breakpoint)) {
      return `<td class="slot" ${attrs} data-reservation=""><b>${name}</b>free</td>`;
    }
    if (!id) {  // a KVM guest's own breakpoint, armed while it holds the CPU
      return `<td class="slot k-guest" ${attrs} data-reservation="" title="${name}: guest of ${esc(cpu.borrowedBySession)} ${esc(breakpointText(slot.breakpoint))}"><b>${name} guest</b>${hex(slot.breakpoint.address)}</td>`;
    }
    const r = byId.get(id);
    const kind = r ? enumName(r.clientKind) : "";
    const rate = host.rates[id];
    const title = [`${name}: ${id}`, r && `${kind} session ${r.sessionId}`, breakpointText(slot.breakpoint),
      r && scopeText(r.scope), r && r.label && `label ${r.label}`, r && `${r.hits} hits${rate ? ` (${rate}/s)` : ""}`]
      .filter(Boolean).join("\n");
    return `<td class="slot k-${kind.toLowerCase()}" ${attrs} data-reservation="${esc(id)}" data-kind="${esc(kind)}" title="${esc(title)}">` +
      `<b>${name} ${esc(kind)}</b>${hex(slot.breakpoint?.address)} ${esc(r ? r.label || r.sessionId : id)}</td>`;
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
      `<tr data-reservation="${esc(r.id)}"><td>${esc(r.id)}</td><td>${esc(enumName(r.clientKind))}</td><td>${esc(r.sessionId)}</td>` +
      `<td>${esc(breakpointText(r.breakpoint))}</td><td>${esc(scopeText(r.scope))}</td><td>${esc(r.label)}</td></tr>`);
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

  function drawDirtyHosts() {
    for (const host of state.hosts.values()) {
      if (!host.dirty) continue;
      host.dirty = false;
      host.el.dataset.host = host.name;
      host.el.dataset.node = host.node;
      host.el.dataset.reachable = host.reachable;
      host.el.innerHTML = renderHost(host);
    }
  }

  function onSnapshot(snapshot) {
    state.pending = [];
    state.self = snapshot.self;
    $("self").textContent = "· node " + snapshot.self;
    state.members = snapshot.members;
    hostsEl.textContent = "";
    state.hosts.clear();
    snapshot.hosts.forEach(setHost);
    $("log").textContent = "";
    appendLog(snapshot.log);
    renderMembers();
    drawDirtyHosts();
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
