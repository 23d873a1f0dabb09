/**
 * The timeline panel's page (client/media/timeline/) loaded on its own in headless Chromium, with the
 * panel's HTML and CSP and a stand-in for the webview API that records what the page posts. Used by
 * the page tests and by the panel benchmark (scripts/bench/timelinePanel.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TimelineEvent, TimelineResult } from '../../../protocol/timelineTypes';
import { timelineHtml } from '../../../client/src/timeline/html';

// Run inside the page (page.evaluate): its DOM global, loosely typed (this project compiles without the DOM lib).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

const MEDIA = path.resolve(__dirname, '../../../client/media/timeline');
const ORIGIN = 'http://timeline.test';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Stands in for acquireVsCodeApi: posted messages go to window.__posted. */
const STUB = `window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });`;

export interface TimelinePage {
  browser: Browser;
  page: Page;
  give(result: TimelineResult): Promise<void>;
  posted(): Promise<Array<Record<string, unknown>>>;
  lastRendered(): Promise<{ count: number; rows: string[][]; domRows: number; ms: number } | undefined>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export async function openTimelinePage(): Promise<TimelinePage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const nonce = 'testnonce0123456789';
  const html = timelineHtml({
    cspSource: ORIGIN,
    nonce,
    scriptUri: `${ORIGIN}/timeline.js`,
    styleUri: `${ORIGIN}/timeline.css`,
  }).replace('<script nonce=', `<script nonce="${nonce}" src="${ORIGIN}/stub.js"></script>\n<script nonce=`);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
    if (name === 'stub.js') return route.fulfill({ contentType: 'text/javascript', body: STUB });
    if (name === 'timeline.js' || name === 'timeline.css')
      return route.fulfill({
        contentType: name.endsWith('.js') ? 'text/javascript' : 'text/css',
        body: fs.readFileSync(path.join(MEDIA, name), 'utf8'),
      });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.length > 0);
  const posted = () =>
    page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
  return {
    browser,
    page,
    posted,
    async give(result) {
      const before = (await posted()).length;
      // As a string: handing the object itself to evaluate costs seconds for 10,000 events.
      await page.evaluate(
        (json) => window.postMessage({ type: 'timeline', result: JSON.parse(json) as unknown }, '*'),
        JSON.stringify(result),
      );
      await page.waitForFunction(
        (n) =>
          (window as unknown as { __posted: Array<{ type: string }> }).__posted
            .slice(n)
            .some((m) => m.type === 'rendered'),
        before,
      );
    },
    async lastRendered() {
      const all = await posted();
      return all.filter((m) => m.type === 'rendered').at(-1) as
        { count: number; rows: string[][]; domRows: number; ms: number } | undefined;
    },
    close: () => browser.close(),
  };
}

/** A timeline of `n` synthetic events over a few lanes (for the big-table test and the benchmark). */
export function syntheticTimeline(n: number, over: Partial<TimelineEvent> = {}): TimelineResult {
  const lanes = ['ECE Listener', 'CTI Server cglA', 'OPC PG1A', 'UCCX MIVR'];
  const start = Date.UTC(2019, 7, 19, 13, 0, 0);
  const events: TimelineEvent[] = Array.from({ length: n }, (_, i) => ({
    index: i,
    instant: new Date(start + i * 250 + (i > n / 2 ? 3_600_000 : 0)).toISOString(),
    offsetMinutes: i % 2 ? 120 : 0,
    assumptions: [],
    uri: `file:///logs/file${i % 4}.log`,
    line: i,
    recordLine: i,
    file: `file${i % 4}.log`,
    lane: lanes[i % lanes.length],
    product: 'UCCE',
    severity: i % 10 === 0 ? 'error' : 'info',
    summary: `Event number ${i}`,
    nameKey: 'agent:icm:6420',
    nameText: '6420',
    birth: false,
    ...over,
  }));
  return {
    entity: {
      kind: 'agent',
      label: 'Agent 6420',
      names: [{ key: 'agent:icm:6420', text: '6420', kind: 'Agent', why: 'the name asked for' }],
    },
    events,
    total: n,
    offset: 0,
    limit: n,
    notes: [],
    clockFindings: [],
    lanes,
  };
}
