/**
 * Timeline panel benchmark (not a test): the panel's page (its own HTML, CSP and script) in headless
 * Chromium given 10,000 events: how long the page takes to draw them (picture and table), to redraw
 * the rows after a scroll, and to apply a filter. Run alone (`tsx scripts/bench/timelinePanel.ts
 * [--events 10000] [--runs 10]`) or as part of `npm run bench:timeline`.
 */
import { openTimelinePage, syntheticTimeline } from '../../test/unit/helpers/timelinePage';
import { option } from './args';
import { percentile } from './report';

// Run inside the page (page.evaluate): its DOM global, loosely typed (this project compiles without the DOM lib).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

export interface PanelFigures {
  events: number;
  rowsInPage: number;
  drawP50Ms: number;
  drawP99Ms: number;
  scrollP50Ms: number;
  scrollP99Ms: number;
  filterP50Ms: number;
}

export async function measurePanel(events = 10_000, runs = 10): Promise<PanelFigures> {
  const p = await openTimelinePage();
  try {
    const t = syntheticTimeline(events);
    const draw: number[] = [];
    let rowsInPage = 0;
    for (let i = 0; i < runs; i++) {
      await p.give(t);
      const r = await p.lastRendered();
      draw.push(r?.ms ?? NaN);
      rowsInPage = r?.domRows ?? 0;
    }
    const scroll = await p.page.evaluate((n) => {
      const box = document.getElementById('rows')!;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        box.scrollTop = Math.floor(Math.random() * box.scrollHeight);
        box.dispatchEvent(new Event('scroll'));
        out.push(performance.now() - t0);
      }
      return out;
    }, runs * 10);
    const filter: number[] = [];
    for (let i = 0; i < runs; i++) {
      await p.page.selectOption('#severity', i % 2 ? 'unknown' : 'error');
      filter.push((await p.lastRendered())?.ms ?? NaN);
    }
    const q = (xs: number[], k: number) =>
      Math.round(
        (percentile(
          [...xs].sort((a, b) => a - b),
          k,
        ) ?? NaN) * 10,
      ) / 10;
    return {
      events,
      rowsInPage,
      drawP50Ms: q(draw, 50),
      drawP99Ms: q(draw, 99),
      scrollP50Ms: q(scroll, 50),
      scrollP99Ms: q(scroll, 99),
      filterP50Ms: q(filter, 50),
    };
  } finally {
    await p.close();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  measurePanel(Number(option(argv, 'events') ?? 10_000), Number(option(argv, 'runs') ?? 10)).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
