import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { SHOW_RELATED_LINES_COMMAND, spellingsOfKey, type NavigationService } from '../../server/src/lsp/navigation';
import type { JobHandle, PoolJob } from '../../server/src/index/pool';
import { IndexPool } from '../../server/src/index/pool';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { NavigationService as Service } from '../../server/src/lsp/navigation';
import { baseNames, OpenDocuments, positionOf, SAMPLES, samplePath, workspaceOver, type Workspace } from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

describe('navigation over the sample bundle (worker threads)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  let nav: NavigationService;

  before(async () => {
    ws = await workspaceOver([SAMPLES], { pool: { workers: 2 } });
    nav = ws.nav;
  });
  after(async () => ws.dispose());

  it('indexes every sample file with worker threads', () => {
    assert.equal(ws.pool.mode, 'workers');
    const stats = ws.index.stats();
    assert.equal(stats.indexedFiles, 10);
    assert.equal(stats.failed, 0);
  });

  it('finds the followed contact of the MIVR log in SocialMiner, MADM and MIVR, in time order', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const refs = await nav.references(mivr, positionOf(mivr, `ALLOCATED Contact [${CONTACT}`, 'ALLOCATED Contact ['.length + 4));
    assert.deepEqual(
      baseNames(refs.value.map((l) => l.uri)),
      new Set(['Cisco001MIVR045.log', 'Cisco001MADM012.log', 'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log', 'CCBU-runtime.2018-08-06T09-20-05.344.startup.log']),
    );
    assert.equal(refs.note, undefined);
    // Every location is the contact id itself, and they come in time order: SOCIAL_CONTACT_CREATED first.
    const texts = new Map<string, string>();
    for (const l of refs.value) {
      const doc = ws.docs.get(l.uri) ?? ws.docs.open(decodeURIComponent(new URL(l.uri).pathname));
      texts.set(`${l.uri}:${l.range.start.line}`, doc.getText(l.range));
      assert.equal(doc.getText(l.range).toUpperCase(), CONTACT);
    }
    const first = ws.docs.get(refs.value[0].uri)!;
    assert.match(first.getText({ start: { line: refs.value[0].range.start.line, character: 0 }, end: { line: refs.value[0].range.start.line + 1, character: 0 } }), /SOCIAL_CONTACT_CREATED|PUBLICAPPS|CHAT_CREATED|CREATE_SOCIAL_CONTACT/);
    // The other contacts, which differ by a few characters, are not mixed in.
    assert.ok(refs.value.length >= 20, `${refs.value.length} references`);
  });

  it('reaches the browser console through the chat widget of the contact', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const refs = await nav.references(mivr, positionOf(mivr, 'Bubble_Care', 2));
    const files = baseNames(refs.value.map((l) => l.uri));
    assert.ok(files.has('console-export-2018-8-6_9-34-10.log'), [...files].join(', '));
    assert.ok(files.has('Cisco001MADM012.log'));
  });

  it('finds ICM agent 6420 of the ECE listener in ctisvr, opc and the rttest output, under its other names too', async () => {
    const listener = ws.docs.open(samplePath('ece/eg_log_ECEAPP01_Listener.log'));
    // The agent's SkillTargetID inside the MEDIA_LOGIN_REQ byte dump.
    const refs = await nav.references(listener, positionOf(listener, '0 0 25 20', 2));
    const files = baseNames(refs.value.map((l) => l.uri));
    for (const f of ['eg_log_ECEAPP01_Listener.log', 'ctisvr_190819.txt', 'opc_190819.txt', 'pg1a-agent-checks.txt']) assert.ok(files.has(f), `${f} missing from ${[...files].join(', ')}`);
    const hover = await nav.entityHover(listener, positionOf(listener, '0 0 25 20', 2));
    assert.ok(hover);
    assert.match(hover.markdown, /agent:icm:6420/);
    assert.match(hover.markdown, /agent:eceUser:1005/);
    assert.match(hover.markdown, /AgentInfo 1005/, 'the why of the link');
    assert.match(hover.markdown, /agent:periph:15003/);
    assert.match(hover.markdown, /lines in \d+ files/);
    assert.match(hover.markdown, /command:ccLogs\.revealLine\?/);
  });

  it('goes from an InvokeID in a response to its request', async () => {
    const ctisvr = ws.docs.open(samplePath('icm/ctisvr_190819.txt'));
    const def = await nav.definition(ctisvr, positionOf(ctisvr, 'ProcessARMMediaLoginRespMsg -- InvokeID = 80230', 'ProcessARMMediaLoginRespMsg -- InvokeID = '.length + 1));
    assert.ok(def.value);
    assert.equal(def.value.uri, ctisvr.uri);
    const line = ctisvr.getText({ start: { line: def.value.range.start.line, character: 0 }, end: { line: def.value.range.start.line + 1, character: 0 } });
    assert.match(line, /SendARMMsg -- InvokeID = 80230/);
    assert.equal(ctisvr.getText(def.value.range), '80230');

    const listener = ws.docs.open(samplePath('ece/eg_log_ECEAPP01_Listener.log'));
    const text = listener.getText();
    const resp = text.indexOf('Received MEDIA_LOGIN_RESP');
    const respPos = listener.positionAt(resp);
    // In the listener, the id is in the byte dump: the cursor on the response's record.
    const respRecordLine = respPos.line;
    const def2 = await nav.definition(listener, { line: respRecordLine + 1, character: 2 });
    assert.ok(def2.value, 'definition from the response dump');
    const reqLine = listener.getText({ start: { line: def2.value.range.start.line, character: 0 }, end: { line: def2.value.range.start.line + 1, character: 0 } });
    assert.match(reqLine, /MEDIA_LOGIN_REQ/);
  });

  it('highlights the entity in its document and puts lenses on first lines', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const highlights = await nav.documentHighlights(mivr, positionOf(mivr, CONTACT, 3));
    assert.ok(highlights.length >= 6);
    for (const h of highlights) assert.equal(mivr.getText(h.range), CONTACT);

    const lenses = nav.codeLenses(mivr).map((l) => nav.resolveCodeLens(l));
    const lens = lenses.find((l) => (l.data as { key: string }).key === `contact:${CONTACT}`);
    assert.ok(lens, 'a lens for the followed contact');
    assert.equal(mivr.getText(lens.range), CONTACT);
    assert.equal(lens.range.start.line, positionOf(mivr, CONTACT).line, 'on its first line in the file');
    assert.match(lens.command!.title, /^\d+ lines in 4 files$/);
    assert.equal(lens.command!.command, SHOW_RELATED_LINES_COMMAND);
    // Entities named in one file only get no lens.
    assert.ok(!lenses.some((l) => (l.data as { key: string }).key.startsWith('invokeId:')));
  });

  it('lists matching ids as workspace symbols', () => {
    const symbols = nav.workspaceSymbols('4b1e93');
    assert.deepEqual(symbols.map((s) => s.name), [`contact:${CONTACT}`]);
    assert.match(symbols[0].location.uri, /CCBU-runtime/, 'located at its birth (SOCIAL_CONTACT_CREATED)');
    assert.ok(nav.workspaceSymbols('6420').some((s) => s.name === 'agent:icm:6420'));
    assert.deepEqual(nav.workspaceSymbols('x'), []);
  });

  it('gives no entity where there is none', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    assert.equal(await nav.entityHover(mivr, positionOf(mivr, 'ChatHeartbeatTimer', 2)), undefined);
    assert.deepEqual((await nav.references(mivr, positionOf(mivr, 'ChatHeartbeatTimer', 2))).value, []);
    assert.equal((await nav.definition(mivr, { line: 10_000, character: 0 })).value, undefined);
  });
});

/** A pool that accepts jobs and never runs them: the index stays empty, as at the start of a session. */
class StalledPool extends IndexPool {
  constructor() {
    super({ workers: 0 });
  }
  override submit(_job: PoolJob): JobHandle {
    return { done: new Promise(() => undefined), cancel: () => undefined };
  }
}

describe('navigation before the index is built', function () {
  this.timeout(60_000);

  it('answers references by searching the text of files not indexed yet, with a note', async () => {
    const indexed = await workspaceOver([SAMPLES]);
    const pool = new StalledPool();
    const index = new WorkspaceIndex({ pool });
    await index.setWorkspace([SAMPLES], { ...DEFAULT_INDEX_SETTINGS });
    assert.equal(index.unindexed().length, 10);
    const docs = new OpenDocuments();
    const cold = new Service({ documents: docs, models: docs.modelSource, index, pool });
    try {
      const mivr = docs.open(samplePath('uccx/Cisco001MIVR045.log'));
      const pos = positionOf(mivr, CONTACT, 3);
      const coldRefs = await cold.references(mivr, pos);
      const warmRefs = await indexed.nav.references(indexed.docs.open(samplePath('uccx/Cisco001MIVR045.log')), pos);
      assert.match(coldRefs.note ?? '', /still being built/);
      const key = (l: { uri: string; range: { start: { line: number; character: number } } }) => `${path.basename(l.uri)}:${l.range.start.line}:${l.range.start.character}`;
      assert.deepEqual(coldRefs.value.map(key).sort(), warmRefs.value.map(key).sort());

      // InvokeIDs are printed in hex too: the text search looks for both spellings.
      const ctisvr = docs.open(samplePath('icm/ctisvr_190819.txt'));
      const hexRefs = await cold.references(ctisvr, positionOf(ctisvr, 'SendARMMsg -- InvokeID = 80237', 'SendARMMsg -- InvokeID = '.length + 1));
      const lines = hexRefs.value.filter((l) => l.uri === ctisvr.uri).map((l) => ctisvr.getText(l.range));
      assert.ok(lines.includes('0x1396d'), lines.join(', '));
      assert.ok(lines.includes('80237'));
    } finally {
      await indexed.dispose();
      await pool.dispose();
    }
  });

  it('spells keys the way logs print them', () => {
    assert.deepEqual(spellingsOfKey('agent:icm:6420'), ['6420', '0x1914']);
    assert.deepEqual(spellingsOfKey(`contact:${CONTACT}`), [CONTACT]);
    assert.deepEqual(spellingsOfKey('chatRoom:socialminer_chat.37@conference.127.0.0.1'), ['socialminer_chat.37@conference.127.0.0.1']);
    assert.deepEqual(spellingsOfKey('mrd:1'), []);
  });
});
