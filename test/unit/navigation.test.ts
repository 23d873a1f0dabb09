import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHOW_RELATED_LINES_COMMAND } from '../../protocol/commands';
import { spellingsOfKey } from '../../server/src/entities/vocabulary';
import { builtinRegistry } from '../../server/src/formats/registry';
import { IndexQuery } from '../../server/src/index/query';
import { EntityNavigation } from '../../server/src/lsp/entityNavigation';
import type { JobHandle, PoolJob } from '../../server/src/index/pool';
import { IndexPool } from '../../server/src/index/pool';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { commandLink, escapeMarkdown } from '../../server/src/render/markdown';
import {
  baseNames,
  OpenDocuments,
  positionOf,
  SAMPLES,
  samplePath,
  workspaceOver,
  type Workspace,
} from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';
/** The chat of CONTACT under its other names: CHAT_CREATED and UCCX's ContactEvent name its room, CHAT_CREATED its session. */
const ROOM = 'socialminer_chat.37@conference.127.0.0.1';
const SESSION = 'A94C07E2B15D3F6680C4E91D27B03F5A';
const CHAT_FILES = [
  'Cisco001MIVR045.log',
  'Cisco001MADM012.log',
  'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
  'CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
  // Names only the room: the chat widget's chatEvents response.
  'console-export-2018-8-6_9-34-10.log',
];

/** A location as `file base name:line:character`. */
function at(l: { uri: string; range: { start: { line: number; character: number } } }): string {
  return `${path.basename(decodeURIComponent(l.uri))}:${l.range.start.line}:${l.range.start.character}`;
}

/** Whether `text` is one of the names of CONTACT's chat. */
function namesTheChat(text: string): boolean {
  return text.toUpperCase() === CONTACT || text.toLowerCase() === ROOM || text.toUpperCase() === SESSION;
}

describe('navigation over the sample bundle (worker threads)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  let nav: EntityNavigation;

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

  it('finds the followed contact of the MIVR log in SocialMiner, MADM, MIVR and the browser console, in time order', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const refs = await nav.references(
      mivr,
      positionOf(mivr, `ALLOCATED Contact [${CONTACT}`, 'ALLOCATED Contact ['.length + 4),
    );
    assert.deepEqual(baseNames(refs.value.map((l) => l.uri)), new Set(CHAT_FILES));
    assert.equal(refs.note, undefined);
    // Every location names the chat (its contact id, room or session), and they come in time order:
    // the session's creation first.
    for (const l of refs.value) {
      const doc = ws.docs.get(l.uri) ?? ws.docs.open(decodeURIComponent(new URL(l.uri).pathname));
      assert.ok(namesTheChat(doc.getText(l.range)), `${at(l)}: ${doc.getText(l.range)}`);
    }
    const first = ws.docs.get(refs.value[0].uri)!;
    assert.match(
      first.getText({
        start: { line: refs.value[0].range.start.line, character: 0 },
        end: { line: refs.value[0].range.start.line + 1, character: 0 },
      }),
      /SOCIAL_CONTACT_CREATED|PUBLICAPPS|CHAT_CREATED|CREATE_SOCIAL_CONTACT/,
    );
    // Exactly the lines naming the contact id, its room and its session.
    const index = ws.index;
    const entity = index.entityKeys(index.keyId(`contact:${CONTACT}`));
    assert.deepEqual(
      new Set(entity.map((k) => index.keys.text(k))),
      new Set([`contact:${CONTACT}`, `chatRoom:${ROOM}`, `chatSession:${SESSION}`]),
    );
    const postings = (key: string): string[] =>
      index
        .hits([index.keyId(key)])
        .hits.map((h) => `${path.basename(index.file(h.fileId)!.path!)}:${h.line}:${h.column}`);
    const expected = [
      ...postings(`contact:${CONTACT}`),
      ...postings(`chatRoom:${ROOM}`),
      ...postings(`chatSession:${SESSION}`),
    ];
    assert.deepEqual(refs.value.map(at).sort(), expected.sort());
    // The console is reached through the room its chatEvents response names.
    const consoleLines = ws.docs.open(samplePath('browser/console-export-2018-8-6_9-34-10.log')).getText().split('\n');
    const chatEvents = consoleLines.findIndex((t) => t.includes('<chatEvents>') && t.includes(`<from>${ROOM}/`));
    assert.ok(chatEvents >= 0);
    assert.deepEqual(
      refs.value.filter((l) => l.uri.endsWith('console-export-2018-8-6_9-34-10.log')).map((l) => l.range.start.line),
      [chatEvents],
    );
    // The other contacts, which differ by a few characters, are not mixed in.
    assert.ok(refs.value.length >= 20, `${refs.value.length} references`);
  });

  it('says in the hover of the contact which records make its room and session the same chat', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const hover = await nav.entityHover(
      mivr,
      positionOf(mivr, `ALLOCATED Contact [${CONTACT}`, 'ALLOCATED Contact ['.length + 4),
    );
    assert.ok(hover);
    const index = ws.index;
    const entity = index.entityKeys(index.keyId(`contact:${CONTACT}`));
    const evidence = index.linkEvidence(entity);
    assert.equal(evidence.length, 2, 'contact-room and contact-session');
    const lines = hover.markdown.split('\n');
    for (const name of [`chatRoom:${ROOM}`, `chatSession:${SESSION}`]) {
      const line = lines.find((l) => l.startsWith(`- \`${name}\`: `));
      assert.ok(line, `${name} is listed under "Also named"`);
      const e = evidence.find((x) => index.keys.text(x.a) === name || index.keys.text(x.b) === name)!;
      const f = index.file(e.fileId)!;
      // The sentence of the rule and a link to the record stating it.
      assert.ok(line.includes(escapeMarkdown(e.why)), line);
      assert.ok(
        line.includes(
          commandLink(`${path.basename(f.path!)}:${e.line + 1}`, 'ccLogs.revealLine', { uri: f.uri, line: e.line }),
        ),
        line,
      );
      const record = fs.readFileSync(f.path!, 'utf8').split('\n')[e.line];
      if (name.startsWith('chatSession:')) {
        // Both records of the session are in ccppublicapps; CHAT_CREATED comes first.
        assert.match(
          e.why,
          new RegExp(`^CHAT_CREATED names contact ${CONTACT} and the customer's publicapps session ${SESSION}$`),
        );
        assert.match(record, /CHAT_CREATED: %\[Contact=/);
      } else if (path.basename(f.path!) === 'Cisco001MADM012.log') {
        // The room is stated twice (CHAT_CREATED, UCCX's ContactEvent): the file read first is cited.
        assert.equal(e.why, `the ContactEvent of contact ${CONTACT} carries h_chatRoom ${ROOM}`);
        assert.match(record, /ContactEvent \[operation=ADD/);
      } else {
        assert.equal(e.why, `CHAT_CREATED names contact ${CONTACT} and its chat room ${ROOM}`);
        assert.match(record, /CHAT_CREATED: %\[Contact=/);
      }
    }
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
    for (const f of ['eg_log_ECEAPP01_Listener.log', 'ctisvr_190819.txt', 'opc_190819.txt', 'pg1a-agent-checks.txt'])
      assert.ok(files.has(f), `${f} missing from ${[...files].join(', ')}`);
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
    const def = await nav.definition(
      ctisvr,
      positionOf(
        ctisvr,
        'ProcessARMMediaLoginRespMsg -- InvokeID = 80230',
        'ProcessARMMediaLoginRespMsg -- InvokeID = '.length + 1,
      ),
    );
    assert.ok(def.value);
    assert.equal(def.value.uri, ctisvr.uri);
    const line = ctisvr.getText({
      start: { line: def.value.range.start.line, character: 0 },
      end: { line: def.value.range.start.line + 1, character: 0 },
    });
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
    const reqLine = listener.getText({
      start: { line: def2.value.range.start.line, character: 0 },
      end: { line: def2.value.range.start.line + 1, character: 0 },
    });
    assert.match(reqLine, /MEDIA_LOGIN_REQ/);
  });

  it('highlights the entity in its document and puts lenses on first lines', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const highlights = await nav.documentHighlights(mivr, positionOf(mivr, CONTACT, 3));
    // Every name of the chat in the document: the contact id and its room.
    assert.equal(highlights.length, mivr.getText().split(CONTACT).length - 1 + mivr.getText().split(ROOM).length - 1);
    for (const h of highlights) assert.ok([CONTACT, ROOM].includes(mivr.getText(h.range)), mivr.getText(h.range));

    const lenses = nav.codeLenses(mivr).map((l) => nav.resolveCodeLens(l));
    const lens = lenses.find((l) => (l.data as { key: string }).key === `contact:${CONTACT}`);
    assert.ok(lens, 'a lens for the followed contact');
    assert.equal(mivr.getText(lens.range), CONTACT);
    assert.equal(lens.range.start.line, positionOf(mivr, CONTACT).line, 'on its first line in the file');
    assert.match(
      lens.command!.title,
      new RegExp(`^chat 4B1E93C7\\.\\.\\.: \\d+ references on \\d+ lines in ${CHAT_FILES.length} files$`),
    );
    assert.equal(lens.command!.command, SHOW_RELATED_LINES_COMMAND);
    // Entities named in one file only get no lens.
    assert.ok(!lenses.some((l) => (l.data as { key: string }).key.startsWith('invokeId:')));
  });

  it('lists matching ids as workspace symbols', () => {
    const symbols = nav.workspaceSymbols('4b1e93');
    assert.deepEqual(
      symbols.map((s) => s.name),
      [`contact:${CONTACT}`],
    );
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
    const cold = new EntityNavigation({
      documents: docs,
      models: docs.modelSource,
      query: new IndexQuery({ index, pool, registry: builtinRegistry }),
    });
    try {
      const mivr = docs.open(samplePath('uccx/Cisco001MIVR045.log'));
      const pos = positionOf(mivr, CONTACT, 3);
      const coldRefs = await cold.references(mivr, pos);
      const warmDoc = indexed.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
      const warmRefs = await indexed.nav.references(warmDoc, pos);
      assert.match(coldRefs.note ?? '', /still being built/);
      // The records tying the contact to its room and session are not read yet: the search finds
      // the lines naming the contact id, which are the lines of the full answer that name it.
      const textOf = (l: { uri: string; range: Parameters<typeof warmDoc.getText>[0] }) =>
        (indexed.docs.get(l.uri) ?? indexed.docs.open(decodeURIComponent(new URL(l.uri).pathname))).getText(l.range);
      assert.deepEqual(
        coldRefs.value.map(at).sort(),
        warmRefs.value
          .filter((l) => textOf(l).toUpperCase() === CONTACT)
          .map(at)
          .sort(),
      );
      assert.ok(warmRefs.value.some((l) => textOf(l) === ROOM) && warmRefs.value.some((l) => textOf(l) === SESSION));

      // From the record that ties them (CHAT_CREATED), the search knows all three names: the same answer.
      const publicapps = docs.open(samplePath('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'));
      const created = positionOf(publicapps, `socialcontact/${CONTACT}][Room=`, 'socialcontact/'.length + 2);
      const coldCreated = await cold.references(publicapps, created);
      const warmCreated = await indexed.nav.references(
        indexed.docs.open(samplePath('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log')),
        created,
      );
      assert.match(coldCreated.note ?? '', /still being built/);
      assert.deepEqual(coldCreated.value.map(at).sort(), warmCreated.value.map(at).sort());
      assert.deepEqual(warmCreated.value.map(at).sort(), warmRefs.value.map(at).sort());

      // InvokeIDs are printed in hex too: the text search looks for both spellings.
      const ctisvr = docs.open(samplePath('icm/ctisvr_190819.txt'));
      const hexRefs = await cold.references(
        ctisvr,
        positionOf(ctisvr, 'SendARMMsg -- InvokeID = 80237', 'SendARMMsg -- InvokeID = '.length + 1),
      );
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
    assert.deepEqual(spellingsOfKey('chatRoom:socialminer_chat.37@conference.127.0.0.1'), [
      'socialminer_chat.37@conference.127.0.0.1',
    ]);
    assert.deepEqual(spellingsOfKey('mrd:1'), []);
  });
});
