/**
 * The timeline panel's page in headless Chromium (the panel's own HTML, CSP and script): log text never
 * becomes markup, 10,000 events keep only the rows in view in the page, the keyboard moves and reveals,
 * filters, zones and Copy as Markdown work on what is shown.
 */
import { strict as assert } from 'node:assert';
import { chromiumAvailable, openTimelinePage, syntheticTimeline, type TimelinePage } from './helpers/timelinePage';

// Run inside the page (page.evaluate): its DOM globals, loosely typed (this project compiles without the DOM lib).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

describe('timeline panel page (Chromium)', function () {
  this.timeout(60_000);
  let p: TimelinePage;
  before(async function () {
    if (!chromiumAvailable()) this.skip();
    p = await openTimelinePage();
  });
  after(async () => {
    await p?.close();
  });

  it('escapes every character from a log: no markup, no script', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const t = syntheticTimeline(3, {
      summary: `MEDIA_LOGIN_REQ ${hostile} | pipe`,
      lane: '<b>lane</b>',
      file: '<svg onload=alert(1)>.log',
    });
    t.entity.label = `<i>${hostile}</i>`;
    t.lanes = ['<b>lane</b>'];
    t.notes = [hostile];
    await p.give(t);
    const found = await p.page.evaluate(() => ({
      imgs: document.querySelectorAll('img').length,
      bold: document.querySelectorAll('b, i').length,
      svgs: document.querySelectorAll('svg svg').length,
      scripts: document.querySelectorAll('script').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      row: document.querySelector('.row')?.textContent ?? '',
      title: document.querySelector('h1')?.textContent ?? '',
    }));
    assert.deepEqual(
      { imgs: found.imgs, bold: found.bold, svgs: found.svgs, scripts: found.scripts, pwned: found.pwned },
      { imgs: 0, bold: 0, svgs: 0, scripts: 2, pwned: undefined },
    );
    assert.ok(found.row.includes('<img src=x onerror='), found.row);
    assert.ok(found.title.includes('<i><img'));
    // Copy as Markdown escapes what Markdown would read as markup or table cells.
    await p.page.click('#copy');
    const copy = (await p.posted()).filter((m) => m.type === 'copy').at(-1) as { markdown: string };
    assert.ok(copy.markdown.includes('\\<img src=x onerror='), copy.markdown);
    assert.ok(copy.markdown.includes('\\| pipe'));
  });

  it('keeps only the rows in view in the page for 10,000 events', async () => {
    await p.give(syntheticTimeline(10_000));
    const r = await p.lastRendered();
    assert.equal(r?.count, 10_000);
    assert.ok(r!.domRows > 0 && r!.domRows < 100, `${r?.domRows} rows in the page`);
    await p.page.evaluate(() => {
      const box = document.getElementById('rows')!;
      box.scrollTop = box.scrollHeight;
      box.dispatchEvent(new Event('scroll'));
    });
    const last = await p.page.evaluate(() => {
      const rows = [...document.querySelectorAll('.row')];
      return { n: rows.length, text: rows.map((x) => x.textContent ?? '').join('\n') };
    });
    assert.ok(last.n < 100);
    assert.ok(last.text.includes('Event number 9999'));
    // The gap of an hour in the middle is compressed and labelled on the picture.
    const gap = await p.page.evaluate(() => [...document.querySelectorAll('.gap text')].map((t) => t.textContent));
    assert.deepEqual(gap, ['⋯ 1.0 h']);
  });

  it('moves with the keyboard and reveals with Enter', async () => {
    await p.give(syntheticTimeline(50));
    await p.page.focus('#rows');
    for (let i = 0; i < 3; i++) await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('Enter');
    const reveal = (await p.posted()).filter((m) => m.type === 'reveal').at(-1);
    assert.deepEqual(reveal, { type: 'reveal', uri: 'file:///logs/file2.log', line: 2, index: 2 });
    const selected = await p.page.evaluate(() => document.querySelector('.row.selected')?.getAttribute('data-i'));
    assert.equal(selected, '2');
    // A click on a mark of the picture reveals its line too.
    await p.page.click('circle.mark[data-i="5"]', { force: true });
    assert.deepEqual((await p.posted()).filter((m) => m.type === 'reveal').at(-1), {
      type: 'reveal',
      uri: 'file:///logs/file1.log',
      line: 5,
      index: 5,
    });
  });

  it('filters by lane and severity, and shows times in the zone picked', async () => {
    await p.give(syntheticTimeline(40));
    await p.page.locator('#lanes label', { hasText: 'CTI Server cglA' }).locator('input').uncheck();
    let r = await p.lastRendered();
    assert.equal(r?.count, 30);
    assert.ok(!r!.rows.some((row) => row[2] === 'CTI Server cglA'));
    await p.page.selectOption('#severity', 'error');
    r = await p.lastRendered();
    assert.ok(r!.rows.every((row) => row[3] === 'error'));
    assert.equal(r?.count, 4);
    await p.page.selectOption('#zone', 'file:120');
    r = await p.lastRendered();
    assert.match(r!.rows[0][0], /^2019-08-19 15:00:00\.000\+02:00$/);
  });

  it('draws the steps of flows on their events, and missing steps as labelled gaps', async () => {
    const t = syntheticTimeline(6);
    t.flows = [
      {
        flowId: 'ece-agent-login',
        title: 'ECE agent login',
        firstBrokenStepId: 'ready',
        steps: [
          { stepId: 'login', title: 'MEDIA_LOGIN_REQ', state: 'seen', eventIndexes: [0], instant: t.events[0].instant },
          { stepId: 'ready', title: 'MAKE_AGENT_READY_IND', state: 'missing', eventIndexes: [], hint: 'never sent' },
          { stepId: 'state', title: 'SetAgentState', state: 'seen', eventIndexes: [5], instant: t.events[5].instant },
        ],
      },
    ];
    await p.page.selectOption('#severity', 'unknown'); // the previous test left "error" chosen
    await p.give(t);
    const drawn = await p.page.evaluate(() => ({
      seen: [...document.querySelectorAll('#picture text.step')].map((x) => x.firstChild.textContent), // without the tooltip
      gaps: [...document.querySelectorAll('#picture .step-gap text')].map((x) => x.textContent),
      rings: document.querySelectorAll('#picture .step-ring').length,
      header: [...document.querySelectorAll('.flows')].map((x) => x.textContent),
    }));
    assert.deepEqual(drawn.seen, ['▲ MEDIA_LOGIN_REQ', '▲ SetAgentState']);
    assert.deepEqual(drawn.gaps, ['✕ MAKE_AGENT_READY_IND (missing)']);
    assert.equal(drawn.rings, 2);
    assert.match(drawn.header[0], /MAKE_AGENT_READY_IND \[missing\]/);
  });

  it('writes no step label over another when steps are milliseconds apart: staggered, cut or grouped, each with its full tooltip', async () => {
    // Four steps within 15 ms (the ECE listener and CTI Server at once), four a second apart (about ten pixels
    // here), then three tens of seconds apart.
    const t = syntheticTimeline(400);
    const start = Date.parse(t.events[0].instant!);
    const at = (ms: number) => new Date(start + ms).toISOString();
    const titles = [
      '3. ECE sends MEDIA_LOGIN_REQ',
      '4. CTI Server forwards the login',
      '5. OPC logs the agent in',
      '6. MEDIA_LOGIN_RESP status 0',
      '7. Agent not ready in the chat domain',
      '8. MAKE_AGENT_ROUTABLE_IND',
      '9. MAKE_AGENT_READY_IND',
      '10. OPC sets AS_NOT_ACTIVE',
    ];
    const steps = titles.map((title, k) => ({
      stepId: `s${k}`,
      title,
      state: 'seen' as const,
      eventIndexes: [k],
      instant: at(k < 4 ? k * 5 : 2000 + (k - 4) * 1000),
    }));
    steps.push(
      { stepId: 'a', title: '11. rttest shows the domain', state: 'seen', eventIndexes: [], instant: at(20_000) },
      { stepId: 'b', title: '12. Entry point answers', state: 'seen', eventIndexes: [], instant: at(35_000) },
      { stepId: 'c', title: '13. Chat offered', state: 'seen', eventIndexes: [], instant: at(48_000) },
    );
    t.flows = [{ flowId: 'ece-agent-login', title: 'ECE agent login', steps }];
    await p.give(t);
    const drawn = await p.page.evaluate(() =>
      [...document.querySelectorAll('#picture text.step, #picture text.step-missing')].map((x) => {
        const b = x.getBBox();
        return {
          text: x.firstChild.textContent as string,
          tooltip: x.querySelector('title').textContent as string,
          steps: Number(x.getAttribute('data-steps')),
          box: { x: b.x, y: b.y, w: b.width, h: b.height },
        };
      }),
    );
    type Label = (typeof drawn)[number];
    const overlap = (a: Label, b: Label) =>
      a.box.x < b.box.x + b.box.w &&
      b.box.x < a.box.x + a.box.w &&
      a.box.y < b.box.y + b.box.h &&
      b.box.y < a.box.y + a.box.h;
    for (let i = 0; i < drawn.length; i++)
      for (let j = i + 1; j < drawn.length; j++)
        assert.ok(!overlap(drawn[i], drawn[j]), `"${drawn[i].text}" is written over "${drawn[j].text}"`);
    // Every step is in some label's tooltip, in full; every label counts its steps.
    const tooltips = drawn.map((d) => d.tooltip).join('\n');
    for (const s of steps) assert.ok(tooltips.includes(s.title), `no tooltip names ${s.title}`);
    assert.equal(
      drawn.reduce((n, d) => n + d.steps, 0),
      steps.length,
    );
    // The crowded steps are staggered over rows; the steps a minute apart keep their whole labels.
    assert.ok(new Set(drawn.map((d) => d.box.y)).size > 1, JSON.stringify(drawn));
    assert.ok(
      drawn.some((d) => d.steps === 4 && / ?\+3$/.test(d.text)),
      `the four steps 5 ms apart are one label: ${JSON.stringify(drawn.map((d) => [d.text, d.steps, d.box]))}`,
    );
    for (const title of ['11. rttest shows the domain', '12. Entry point answers', '13. Chat offered'])
      assert.ok(
        drawn.some((d) => d.text === `▲ ${title}`),
        `${title} not whole: ${JSON.stringify(drawn.map((d) => d.text))}`,
      );
    // Cut labels end in "…" (or are the mark alone); grouped ones say how many more.
    for (const d of drawn) {
      const shown = d.text.replace(/^[▲✕] ?/, '').replace(/ ?\+\d+$/, '');
      const title = d.tooltip.split('\n')[0].replace(/^ECE agent login: /, '');
      assert.ok(shown === '' || title.startsWith(shown.replace(/…$/, '')), `${d.text} against ${title}`);
      if (d.steps > 1) assert.match(d.text, new RegExp(`\\+${d.steps - 1}$`));
    }
  });
});
