// @ts-check
/* global acquireVsCodeApi */
// The timeline panel's page: draws what the language server computed (the swimlane picture and the
// virtualised table). Every text from a log goes through textContent or setAttribute, never markup.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const ROW = 22;
  const LANE_H = 26;
  const LEFT = 170;
  /** Rows of step labels at most on the flow row (labels milliseconds apart are staggered over them). */
  const FLOW_ROWS = 3;
  const FLOW_SUB_ROW = 13;
  /** Steps closer than this (pixels) are one mark, labelled with the first and how many more. */
  const STEP_CLUSTER_PX = 10;
  const LABEL_PAD = 6;
  const SVG = 'http://www.w3.org/2000/svg';
  const SEVERITIES = [
    'emergency',
    'alert',
    'critical',
    'error',
    'warning',
    'notice',
    'info',
    'debug',
    'trace',
    'unknown',
  ];

  /** @type {any} */ let data = null;
  /** @type {any[]} */ let shown = [];
  let selected = -1;
  let zone = 'utc';
  let minSeverity = 'unknown';
  /** @type {Set<string>} */ let hiddenLanes = new Set();
  let zoom = 1;
  let pan = 0;
  /** The pan the picture was last drawn with (a drag only moves it until the mouse is released). */
  let drawnPan = 0;

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const el = (/** @type {string} */ tag, /** @type {string} */ cls = '', /** @type {string} */ text = '') => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  const svgEl = (/** @type {string} */ tag, /** @type {Record<string, string|number>} */ attrs = {}) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'timeline') {
      data = m.result;
      selected = -1;
      hiddenLanes = new Set();
      buildControls();
      render();
    } else if (m.type === 'clickRow' && typeof m.row === 'number') {
      const row = document.querySelector(`.row[data-i="${m.row}"]`);
      if (row) /** @type {HTMLElement} */ (row).click();
      else if (shown[m.row]) choose(m.row, true);
    }
  });

  function sevRank(/** @type {string} */ s) {
    const i = SEVERITIES.indexOf(s);
    return i < 0 ? SEVERITIES.length : i;
  }

  function filtered() {
    const max = sevRank(minSeverity);
    return data.events.filter((/** @type {any} */ e) => !hiddenLanes.has(e.lane) && sevRank(e.severity) <= max);
  }

  function offsetFor(/** @type {any} */ e) {
    if (zone === 'utc') return 0;
    if (zone === 'local') return -new Date(Date.parse(e.instant)).getTimezoneOffset();
    return Number(zone.slice(5));
  }

  function pad(/** @type {number} */ n, w = 2) {
    return String(n).padStart(w, '0');
  }

  function timeText(/** @type {any} */ e) {
    if (!e.instant) return 'no time';
    const off = offsetFor(e);
    const d = new Date(Date.parse(e.instant) + off * 60000);
    const sign = off < 0 ? '-' : '+';
    const z = zone === 'utc' ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${z}${e.clockCorrection ? '*' : ''}`;
  }

  function deltaText(/** @type {any} */ e, /** @type {any} */ prev) {
    if (!e.instant || !prev || !prev.instant) return '';
    const d = Date.parse(e.instant) - Date.parse(prev.instant);
    return `${d < 0 ? '-' : '+'}${span(Math.abs(d))}`;
  }

  function span(/** @type {number} */ ms) {
    if (ms < 1000) return `${ms} ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(3)} s`;
    if (ms < 3600000) return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
    if (ms < 86400000) return `${(ms / 3600000).toFixed(1)} h`;
    return `${(ms / 86400000).toFixed(1)} d`;
  }

  function buildControls() {
    const header = $('header');
    header.replaceChildren();
    header.append(el('h1', '', `${data.entity.label}: ${data.total} line${data.total === 1 ? '' : 's'}`));
    const names = el('div', 'names', 'Names: ');
    names.append(data.entity.names.map((/** @type {any} */ n) => `${n.text} (${n.kind}; ${n.why})`).join(' · '));
    header.append(names);
    if (data.clockFindings.length) {
      const ul = el('ul', 'clocks');
      for (const c of data.clockFindings)
        ul.append(
          el('li', '', `${c.message} Setting: "ccLogs.clockOffsets": { "${c.suggestion.key}": ${c.suggestion.ms} }`),
        );
      header.append(ul);
    }
    for (const n of data.notes) header.append(el('div', 'notes', n));
    if (data.flows && data.flows.length) {
      for (const f of data.flows) {
        const div = el('div', 'flows', `${f.title}: `);
        div.append(f.steps.map((/** @type {any} */ s) => `${s.title} [${s.state}]`).join(' → '));
        header.append(div);
      }
    }
    // Zones: UTC, the machine's, and the zone of each log.
    const zoneSel = /** @type {HTMLSelectElement} */ ($('zone'));
    zoneSel.replaceChildren();
    const opt = (/** @type {string} */ v, /** @type {string} */ t) => {
      const o = /** @type {HTMLOptionElement} */ (el('option', '', t));
      o.value = v;
      zoneSel.append(o);
    };
    opt('utc', 'UTC');
    opt('local', "This machine's zone");
    const seen = new Map();
    for (const e of data.events)
      if (typeof e.offsetMinutes === 'number' && !seen.has(e.file)) seen.set(e.file, e.offsetMinutes);
    for (const [file, off] of seen) {
      const sign = off < 0 ? '-' : '+';
      opt(`file:${off}`, `Zone of ${file} (${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)})`);
    }
    zoneSel.value = 'utc';
    zone = 'utc';
    const lanes = $('lanes');
    lanes.replaceChildren();
    for (const lane of data.lanes) {
      const label = el('label');
      const box = /** @type {HTMLInputElement} */ (el('input'));
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) hiddenLanes.delete(lane);
        else hiddenLanes.add(lane);
        render();
      });
      label.append(box, document.createTextNode(lane));
      lanes.append(label);
    }
    const pager = $('pager');
    pager.replaceChildren();
    const end = Math.min(data.total, data.offset + data.limit);
    pager.append(el('span', 'muted', `Lines ${data.total ? data.offset + 1 : 0}-${end} of ${data.total}`));
    if (data.offset > 0) pager.append(pageButton('Previous page', Math.max(0, data.offset - data.limit)));
    if (end < data.total) pager.append(pageButton('Next page', end));
  }

  function pageButton(/** @type {string} */ text, /** @type {number} */ offset) {
    const b = el('button', '', text);
    b.addEventListener('click', () => vscode.postMessage({ type: 'page', offset }));
    return b;
  }

  // ----------------------------------------------------------------------------------------------
  // The picture: one lane per product/process, one time axis with long gaps compressed.

  function axisOf(/** @type {any[]} */ events, /** @type {number} */ width) {
    const times = [...new Set(events.filter((e) => e.instant).map((e) => Date.parse(e.instant)))].sort((a, b) => a - b);
    if (times.length === 0) return { x: () => LEFT, gaps: [], ticks: [] };
    const deltas = times
      .slice(1)
      .map((t, i) => t - times[i])
      .sort((a, b) => a - b);
    const median = deltas.length ? deltas[Math.floor(deltas.length / 2)] : 0;
    const limit = Math.max(2000, median * 20);
    const GAP_W = 60;
    /** @type {{from:number,to:number}[]} */ const gaps = [];
    for (let i = 1; i < times.length; i++)
      if (times[i] - times[i - 1] > limit) gaps.push({ from: times[i - 1], to: times[i] });
    const live = times[times.length - 1] - times[0] - gaps.reduce((a, g) => a + (g.to - g.from), 0);
    const usable = Math.max(50, (width - LEFT - 20) * zoom - gaps.length * GAP_W);
    const scale = live > 0 ? usable / live : 0;
    const x = (/** @type {number} */ t) => {
      let pos = LEFT + 10 - pan;
      let prev = times[0];
      for (const g of gaps) {
        if (t <= g.from) break;
        if (t < g.to) return pos + (g.from - prev) * scale + GAP_W / 2;
        pos += (g.from - prev) * scale + GAP_W;
        prev = g.to;
      }
      return pos + (t - prev) * scale;
    };
    return { x, gaps, times, gapW: GAP_W };
  }

  function drawPicture(/** @type {any[]} */ events) {
    const svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ ($('picture')));
    const width = svg.clientWidth || 900;
    const lanes = data.lanes.filter((/** @type {string} */ l) => !hiddenLanes.has(l));
    const axis = axisOf(events, width);
    const flowLabels = data.flows && data.flows.length ? layoutStepLabels(axis, svg) : undefined;
    const flowH = flowLabels ? LANE_H + (flowLabels.rows - 1) * FLOW_SUB_ROW : 0;
    const height = 30 + lanes.length * LANE_H + flowH;
    svg.setAttribute('height', String(height));
    svg.style.height = `${height}px`;
    svg.replaceChildren();
    const defs = svgEl('defs');
    const marker = svgEl('marker', {
      id: 'arrowhead',
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 6,
      markerHeight: 6,
      orient: 'auto-start-reverse',
    });
    marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z' }));
    defs.append(marker);
    svg.append(defs);
    drawnPan = pan;
    // What moves with the time axis (pan): gaps, arrows, marks and flow steps.
    const plot = svgEl('g', { class: 'pannable' });
    const laneY = (/** @type {string} */ lane) => 20 + flowH + lanes.indexOf(lane) * LANE_H + LANE_H / 2;
    lanes.forEach((/** @type {string} */ lane) => {
      const y = laneY(lane);
      svg.append(svgEl('line', { class: 'lane-line', x1: LEFT, x2: width, y1: y, y2: y }));
      const t = svgEl('text', { class: 'lane-label', x: 4, y: y + 4 });
      t.textContent = lane.length > 26 ? `${lane.slice(0, 25)}…` : lane;
      svg.append(t);
    });
    const ax = svgEl('g', { class: 'axis' });
    for (const g of axis.gaps) {
      const gx = axis.x(g.from) + 4;
      const grp = svgEl('g', { class: 'gap' });
      grp.append(svgEl('rect', { x: gx, y: 14, width: (axis.gapW || 60) - 8, height: height - 16 }));
      const label = svgEl('text', { x: gx + 2, y: 12 });
      label.textContent = `⋯ ${span(g.to - g.from)}`;
      grp.append(label);
      ax.append(grp);
    }
    plot.append(ax);
    const pos = new Map();
    for (const e of events) {
      if (!e.instant) continue;
      pos.set(e.index, { cx: axis.x(Date.parse(e.instant)), cy: laneY(e.lane) });
    }
    for (const e of events) {
      if (!e.pair || e.pair.role !== 'request' || e.pair.eventIndex === undefined) continue;
      const a = pos.get(e.index);
      const b = pos.get(e.pair.eventIndex);
      if (!a || !b) continue;
      const bend = a.cy === b.cy ? -14 : 0;
      plot.append(
        svgEl('path', {
          class: 'arrow',
          d: `M ${a.cx} ${a.cy} Q ${(a.cx + b.cx) / 2} ${(a.cy + b.cy) / 2 + bend} ${b.cx} ${b.cy}`,
        }),
      );
    }
    // One mark per event; when marks would overlap (thousands of events), one per lane and 3 pixels, saying how many.
    /** @type {Map<string, {i: number, n: number}>} */ const buckets = new Map();
    const crowded = events.length > 1500;
    events.forEach((e, i) => {
      const p = pos.get(e.index);
      if (!p) return;
      const key = crowded ? `${e.lane}\u0000${Math.round(p.cx / 3)}` : String(i);
      const b = buckets.get(key);
      if (b) b.n++;
      else buckets.set(key, { i, n: 1 });
    });
    const marks = document.createDocumentFragment();
    for (const { i, n } of buckets.values()) {
      const e = events[i];
      const p = pos.get(e.index);
      const c = svgEl('circle', {
        class: `mark sev-${e.severity}${i === selected ? ' selected' : ''}`,
        cx: p.cx,
        cy: p.cy,
        r: n > 1 ? 6 : 5,
        'data-i': i,
      });
      const title = svgEl('title');
      title.textContent =
        n > 1 ? `${n} events from ${timeText(e)} (${e.lane})` : `${timeText(e)} ${e.lane}: ${e.summary}`;
      c.append(title);
      marks.append(c);
    }
    plot.append(marks);
    svg.append(plot);
    if (flowLabels) drawFlows(plot, svg, axis, pos, 20 + LANE_H / 2, flowLabels);
  }

  /**
   * Where the labels of the steps that have an instant go, so that none is written over another when steps are
   * milliseconds apart: steps closer than STEP_CLUSTER_PX are one label (the first step and "+N"); labels are
   * staggered over up to FLOW_ROWS rows, each on the first row where it fits; when none has room, the label
   * before it on the row that has the most is cut to its first characters and "…" (down to its mark alone).
   * Every label's tooltip names all its steps in full.
   */
  function layoutStepLabels(/** @type {any} */ axis, /** @type {SVGSVGElement} */ svg) {
    /** @type {Array<{x: number, f: any, st: any}>} */ const items = [];
    for (const f of data.flows)
      for (const st of f.steps) if (st.instant) items.push({ x: axis.x(Date.parse(st.instant)), f, st });
    items.sort((a, b) => a.x - b.x);
    /** @type {any[]} */ const labels = [];
    for (const it of items) {
      const last = labels[labels.length - 1];
      if (last && it.x - last.x < STEP_CLUSTER_PX) last.steps.push(it);
      else labels.push({ x: it.x, steps: [it] });
    }
    const measure = textMeasure(svg);
    for (const l of labels) {
      const first = l.steps[0].st;
      l.seen = l.steps.every((/** @type {any} */ s) => s.st.state === 'seen');
      l.mark = l.seen ? '▲' : '✕';
      l.title = first.title;
      l.more = l.steps.length > 1 ? ` +${l.steps.length - 1}` : '';
      l.full = `${l.mark} ${l.title}${l.more}`;
      l.text = l.full;
      l.width = measure(l.full);
      l.tooltip = l.steps
        .map(
          (/** @type {any} */ s) =>
            `${s.f.title}: ${s.st.title} (${s.st.state})${s.st.instant ? ` at ${s.st.instant}` : ''}${s.st.hint ? `\n${s.st.hint}` : ''}`,
        )
        .join('\n');
    }
    /** @type {any[]} */ const rowLast = [];
    let rows = 1;
    for (const l of labels) {
      let row = -1;
      for (let r = 0; r < FLOW_ROWS; r++)
        if (!rowLast[r] || rowLast[r].x + rowLast[r].width + LABEL_PAD <= l.x) {
          row = r;
          break;
        }
      if (row < 0) {
        // No room on any row: cut the label before it on the row that leaves the most.
        row = 0;
        for (let r = 1; r < FLOW_ROWS; r++) if (rowLast[r].x < rowLast[row].x) row = r;
        const prev = rowLast[row];
        prev.text = elide(prev, l.x - LABEL_PAD - prev.x, measure);
        prev.width = measure(prev.text);
      }
      l.row = row;
      rowLast[row] = l;
      rows = Math.max(rows, row + 1);
    }
    return { rows, labels };
  }

  /** The width of a text in the step labels' font (a canvas measures it; else about 6 pixels a character). */
  function textMeasure(/** @type {SVGSVGElement} */ svg) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return (/** @type {string} */ t) => t.length * 6;
    const family = window.getComputedStyle(svg).fontFamily || 'sans-serif';
    ctx.font = `10px ${family}`;
    return (/** @type {string} */ t) => ctx.measureText(t).width;
  }

  /**
   * A label cut to fit `width`: its mark, the longest start of its title that fits with "…", and how many more
   * steps it stands for; the mark and that count, or the mark alone, when no part of the title fits.
   */
  function elide(
    /** @type {{mark: string, title: string, more: string, full: string}} */ l,
    /** @type {number} */ width,
    /** @type {(t: string) => number} */ measure,
  ) {
    if (measure(l.full) <= width) return l.full;
    const cut = (/** @type {number} */ n) => `${l.mark} ${l.title.slice(0, n).trimEnd()}…${l.more}`;
    let lo = 0;
    let hi = l.title.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (measure(cut(mid)) <= width) lo = mid;
      else hi = mid - 1;
    }
    if (lo >= 2) return cut(lo);
    return l.more && measure(`${l.mark}${l.more}`) <= width ? `${l.mark}${l.more}` : l.mark;
  }

  /**
   * The steps of the flows (from the flows module): a seen step on the flow row at its instant, with its events
   * ringed; a missing or failed step without an instant as a labelled gap between the steps around it.
   */
  function drawFlows(
    /** @type {SVGElement} */ plot,
    /** @type {SVGElement} */ svg,
    /** @type {any} */ axis,
    /** @type {Map<number, {cx:number, cy:number}>} */ pos,
    /** @type {number} */ y,
    /** @type {{rows: number, labels: any[]}} */ layout,
  ) {
    const label = svgEl('text', { class: 'lane-label', x: 4, y: y + 4 });
    label.textContent = 'Flow steps';
    svg.append(label);
    // The steps that have an instant: one label per cluster, on the row the layout gave it, cut to fit.
    for (const l of layout.labels) {
      const t = svgEl('text', {
        class: `${l.seen ? 'step' : 'step-missing'}${l.text !== l.full ? ' elided' : ''}`,
        x: l.x,
        y: y + 4 + l.row * FLOW_SUB_ROW,
        'data-steps': l.steps.length,
      });
      t.textContent = l.text;
      const title = svgEl('title');
      title.textContent = l.tooltip;
      t.append(title);
      plot.append(t);
      for (const { st } of l.steps)
        for (const i of st.eventIndexes || []) {
          const p = pos.get(data.events[i] ? data.events[i].index : -1);
          if (p) plot.append(svgEl('circle', { class: 'step-ring', cx: p.cx, cy: p.cy, r: 8 }));
        }
    }
    for (const f of data.flows) {
      const steps = f.steps;
      const xs = steps.map((/** @type {any} */ st) => (st.instant ? axis.x(Date.parse(st.instant)) : undefined));
      for (let k = 0; k < steps.length; k++) {
        const st = steps[k];
        const title = svgEl('title');
        title.textContent = `${f.title}: ${st.title} (${st.state})${st.hint ? `\n${st.hint}` : ''}`;
        if (xs[k] !== undefined) continue;
        // No instant: between the previous and the next step that have one.
        let before = k - 1;
        while (before >= 0 && xs[before] === undefined) before--;
        let after = k + 1;
        while (after < steps.length && xs[after] === undefined) after++;
        const x0 = before >= 0 ? /** @type {number} */ (xs[before]) + 10 : LEFT + 4;
        const x1 = after < steps.length ? /** @type {number} */ (xs[after]) - 10 : x0 + 140;
        const slots = after - before - 1;
        const w = Math.max(40, (x1 - x0) / Math.max(1, slots));
        const gx = x0 + (k - before - 1) * w;
        const g = svgEl('g', { class: 'gap step-gap' });
        g.append(svgEl('rect', { x: gx, y: y - 9, width: w - 4, height: 18 }), title);
        const t = svgEl('text', { class: 'step-missing', x: gx + 3, y: y + 4 });
        t.textContent = `✕ ${st.title} (${st.state})`;
        g.append(t);
        plot.append(g);
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // The table: only the rows in view exist in the page (10,000 events stay responsive).

  function drawRows() {
    const box = $('rows');
    const spacer = $('spacer');
    spacer.style.height = `${shown.length * ROW}px`;
    const first = Math.max(0, Math.floor(box.scrollTop / ROW) - 5);
    const last = Math.min(shown.length, first + Math.ceil(box.clientHeight / ROW) + 10);
    for (const old of [...box.querySelectorAll('.row')]) old.remove();
    for (let i = first; i < last; i++) box.append(rowOf(i));
  }

  function rowOf(/** @type {number} */ i) {
    const e = shown[i];
    const r = el('div', `row${i === selected ? ' selected' : ''}`);
    r.setAttribute('data-i', String(i));
    r.setAttribute('role', 'row');
    r.style.top = `${i * ROW}px`;
    const where = el('span', 'where', `${e.file}:${e.line + 1}`);
    const summary = el('span', '', e.summary + (e.pair ? `  [${e.pair.role} of InvokeID ${e.pair.invokeId}]` : ''));
    summary.title = [
      e.summary,
      e.stamp ? `written: ${e.stamp}` : '',
      e.writtenInstant ? `before clock correction: ${e.writtenInstant}` : '',
      ...(e.assumptions || []),
    ]
      .filter(Boolean)
      .join('\n');
    r.append(
      el('span', 'time', timeText(e)),
      el('span', 'delta', deltaText(e, shown[i - 1])),
      el('span', 'lane', e.lane),
      el('span', `sev-${e.severity}`, e.severity),
      summary,
      where,
    );
    r.addEventListener('click', () => choose(i, true));
    return r;
  }

  function choose(/** @type {number} */ i, /** @type {boolean} */ reveal) {
    if (i < 0 || i >= shown.length) return;
    selected = i;
    const box = $('rows');
    if (i * ROW < box.scrollTop) box.scrollTop = i * ROW;
    else if ((i + 1) * ROW > box.scrollTop + box.clientHeight) box.scrollTop = (i + 1) * ROW - box.clientHeight;
    drawRows();
    for (const c of document.querySelectorAll('circle.mark'))
      c.classList.toggle('selected', c.getAttribute('data-i') === String(i));
    if (reveal) vscode.postMessage({ type: 'reveal', uri: shown[i].uri, line: shown[i].line, index: shown[i].index });
  }

  function render() {
    if (!data) return;
    const t0 = performance.now();
    shown = filtered();
    drawPicture(shown);
    drawRows();
    report(performance.now() - t0);
  }

  /** Tells the extension what the table shows (its tests read it). */
  function report(/** @type {number} */ ms) {
    const rows = shown
      .slice(0, 200)
      .map((e, i) => [
        timeText(e),
        deltaText(e, shown[i - 1]),
        e.lane,
        e.severity,
        e.summary,
        `${e.file}:${e.line + 1}`,
      ]);
    vscode.postMessage({
      type: 'rendered',
      count: shown.length,
      rows,
      domRows: document.querySelectorAll('.row').length,
      ms: Math.round(ms),
    });
  }

  function markdown() {
    const cell = (/** @type {string} */ s) =>
      s
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' ')
        .replace(/([`*_[\]<>])/g, '\\$1');
    const lines = [
      `**${cell(data.entity.label)}** (${shown.length} events)`,
      '',
      `| Time | Δ | Lane | Summary | File:line |`,
      '|---|---|---|---|---|',
    ];
    shown.forEach((e, i) =>
      lines.push(
        `| ${cell(timeText(e))} | ${cell(deltaText(e, shown[i - 1]))} | ${cell(e.lane)} | ${cell(e.summary)} | ${cell(`${e.file}:${e.line + 1}`)} |`,
      ),
    );
    for (const c of data.clockFindings) lines.push('', `> ${cell(c.message)}`);
    return lines.join('\n');
  }

  $('zone').addEventListener('change', (ev) => {
    zone = /** @type {HTMLSelectElement} */ (ev.target).value;
    render();
  });
  $('severity').addEventListener('change', (ev) => {
    minSeverity = /** @type {HTMLSelectElement} */ (ev.target).value;
    render();
  });
  $('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy', markdown: markdown() }));
  $('zoomIn').addEventListener('click', () => {
    zoom = Math.min(64, zoom * 1.5);
    render();
  });
  $('zoomOut').addEventListener('click', () => {
    zoom = Math.max(1, zoom / 1.5);
    if (zoom === 1) pan = 0;
    render();
  });
  $('rows').addEventListener('scroll', () => drawRows());
  $('rows').addEventListener('keydown', (ev) => {
    const page = Math.max(1, Math.floor($('rows').clientHeight / ROW));
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (ev.key in moves) {
      ev.preventDefault();
      const step = moves[/** @type {keyof typeof moves} */ (ev.key)];
      const next = Math.max(
        0,
        Math.min(
          shown.length - 1,
          (selected < 0 ? -1 : selected) + (Number.isFinite(step) ? step : step > 0 ? shown.length : -shown.length),
        ),
      );
      choose(next, false);
    } else if (ev.key === 'Enter' && selected >= 0) {
      ev.preventDefault();
      choose(selected, true);
    }
  });
  const pic = $('picture');
  pic.addEventListener('click', (ev) => {
    const t = /** @type {Element} */ (ev.target);
    const i = t && t.getAttribute ? t.getAttribute('data-i') : null;
    if (i !== null) choose(Number(i), true);
  });
  pic.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    zoom = Math.max(1, Math.min(64, zoom * (ev.deltaY < 0 ? 1.2 : 1 / 1.2)));
    if (zoom === 1) pan = 0;
    render();
  });
  let dragFrom = -1;
  pic.addEventListener('mousedown', (ev) => (dragFrom = ev.clientX + pan));
  window.addEventListener('mouseup', () => (dragFrom = -1));
  // Dragging moves what is drawn (one transform); the picture is drawn again when the mouse is released.
  pic.addEventListener('mousemove', (ev) => {
    if (dragFrom < 0) return;
    pan = Math.max(0, dragFrom - ev.clientX);
    for (const g of pic.querySelectorAll('.pannable')) g.setAttribute('transform', `translate(${drawnPan - pan} 0)`);
  });
  window.addEventListener('mouseup', () => {
    if (pan !== drawnPan) drawPicture(shown);
  });
  vscode.postMessage({ type: 'ready' });
})();
