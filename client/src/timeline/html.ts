/**
 * The timeline panel's page: a strict content security policy (nothing but the extension's own
 * script, with a nonce, and its style sheet), no remote resources, and the empty frame that
 * `client/media/timeline/timeline.js` fills with text nodes only. No vscode import: the page is
 * also loaded on its own in Chromium by the tests and the panel benchmark.
 */
export interface TimelineHtmlOptions {
  /** The webview's `cspSource` (where the extension's files come from). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const SEVERITY_CHOICES = ['error', 'warning', 'notice', 'info', 'debug', 'unknown'];

export function timelineHtml(o: TimelineHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource}`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>Timeline</title>
</head>
<body>
<header id="header"><h1>Loading the timeline…</h1></header>
<div class="toolbar">
  <label>Time zone <select id="zone"></select></label>
  <label>Severity at least <select id="severity">${SEVERITY_CHOICES.map(
    (s) => `<option value="${s}"${s === 'unknown' ? ' selected' : ''}>${s === 'unknown' ? 'any' : s}</option>`,
  ).join('')}</select></label>
  <button id="zoomIn" title="Zoom in (or the mouse wheel over the picture)">Zoom in</button>
  <button id="zoomOut" title="Zoom out">Zoom out</button>
  <button id="copy" title="Copy the rows shown as a Markdown table, for a case note">Copy as Markdown</button>
  <span id="pager"></span>
</div>
<div class="toolbar lanes" id="lanes"></div>
<svg id="picture" role="img" aria-label="Swimlanes: one lane per product and process on one time axis"></svg>
<div class="table" role="grid">
  <div class="thead" role="row"><span>Time</span><span>Delta</span><span>Lane</span><span>Severity</span><span>Summary</span><span>File:line</span></div>
  <div id="rows" tabindex="0"><div id="spacer"></div></div>
</div>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}
