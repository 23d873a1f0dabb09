/**
 * Hostile logs (test/unit/fixtures/hostile/, one per format): values carrying CR, LF, U+2028,
 * U+2029, U+0085, `%0D` in flow URLs, `\r` in bubble-chat JSON strings, Markdown and HTML. Every
 * hover at every position is rendered by a real CommonMark renderer (markdown-it with GFM tables,
 * raw HTML and autolinks on, as permissive as an editor's), and the rendered tree may hold no link,
 * image or HTML other than the project's own reveal command.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPLAINERS } from '../../server/src/explain';
import type { ExplainContext, Explainer, ExplainMatch } from '../../server/src/explain/types';
import { hoverAt } from '../../server/src/lsp/hover';
import { tempFolder, workspaceOver } from './fixtures/index/helpers';
import { modelOf } from './helpers/model';
import { liveElements } from './helpers/rendered';

const HOSTILE = path.join(__dirname, 'fixtures', 'hostile');
const FILES: Array<[string, string]> = [
  ['uccx_engine', 'uccx_engine.log'],
  ['uccx_admin', 'uccx_admin.log'],
  ['socialminer', 'socialminer.log'],
  ['ece', 'ece.log'],
  ['icm_trace', 'icm_trace.txt'],
  ['icm_tools', 'icm_tools.txt'],
  ['chat_console', 'chat_console.log'],
];

/**
 * The explainers, each remembering what it found in the last record: every position of a record
 * asks all of them about the same text, and the answer does not depend on the position.
 */
function rememberingExplainers(): Explainer[] {
  return EXPLAINERS.map((e) => {
    let last: { text: string; matches: ExplainMatch[] } | undefined;
    return {
      id: e.id,
      find: (text: string, ctx: ExplainContext) => {
        if (last?.text !== text) last = { text, matches: e.find(text, ctx) };
        return last.matches;
      },
    };
  });
}

describe('hover Markdown rendered by CommonMark', function () {
  this.timeout(120_000);
  it('the check itself finds the live elements a hostile value would make', () => {
    assert.deepEqual(liveElements('| a |\n|---|\n| `x\r[l](http://e) <img src=x>` |').length, 2);
    assert.equal(liveElements('see www.evil.com and http://evil.example/x').length, 2);
    assert.deepEqual(liveElements('[go](command:ccLogs.revealLine?%5B%7B%22uri%22%7D%5D)'), []);
  });

  for (const [formatId, file] of FILES) {
    it(`no live element but the reveal command in any hover of hostile ${formatId} lines`, () => {
      const text = fs.readFileSync(path.join(HOSTILE, file), 'utf8');
      const model = modelOf(text, formatId, { settingsYear: 2018 });
      assert.ok(model.recordCount >= 1);
      const explainers = rememberingExplainers();
      let hovers = 0;
      const seen = new Set<string>();
      const problems: string[] = [];
      for (let line = 0; line < model.lines.count; line++) {
        const length = model.lines.lineText(line).length;
        for (let character = 0; character <= length; character++) {
          const hover = hoverAt('file:///tmp/x.log', model, { line, character }, explainers);
          if (!hover) continue;
          hovers++;
          const md = (hover.contents as { value: string }).value;
          if (seen.has(md)) continue;
          seen.add(md);
          for (const live of liveElements(md)) problems.push(`${line}:${character} ${live}`);
        }
      }
      assert.ok(hovers > 0, 'the file had hovers');
      assert.deepEqual(problems.slice(0, 10), []);
    });
  }

  it('no live element but the reveal command in any entity hover of the hostile samples, indexed together', async () => {
    // The index reads the samples as a workspace (names that give each its format), then the ID hover
    // of every position of every open sample is rendered.
    const tmp = tempFolder('cc-hostile-');
    const names: Record<string, string> = {
      'uccx_engine.log': 'Cisco001MIVR045.log',
      'uccx_admin.log': 'Cisco001MADM012.log',
      'socialminer.log': 'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
      'ece.log': 'eg_log_ECEAPP01_Listener.log',
      'icm_trace.txt': 'ctisvr_190819.txt',
      'icm_tools.txt': 'pg1a-rttest-agents.txt',
      'chat_console.log': 'console-export-2018-8-6_9-34-10.log',
    };
    for (const [from, to] of Object.entries(names)) fs.copyFileSync(path.join(HOSTILE, from), path.join(tmp.dir, to));
    const ws = await workspaceOver([tmp.dir]);
    try {
      let hovers = 0;
      const seen = new Set<string>();
      const problems: string[] = [];
      for (const name of Object.values(names)) {
        const doc = ws.docs.open(path.join(tmp.dir, name));
        for (let line = 0; line < doc.lineCount; line++) {
          const length = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).length;
          for (let character = 0; character < length; character++) {
            const hover = await ws.nav.entityHover(doc, { line, character });
            if (!hover) continue;
            hovers++;
            if (seen.has(hover.markdown)) continue;
            seen.add(hover.markdown);
            for (const live of liveElements(hover.markdown)) problems.push(`${name} ${line}:${character} ${live}`);
          }
        }
      }
      assert.ok(seen.size >= 10, `${seen.size} different entity hovers (${hovers} in all)`);
      assert.deepEqual(problems.slice(0, 10), []);
    } finally {
      await ws.dispose();
      tmp.remove();
    }
  });
});
