import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AliasGraph } from '../../server/src/index/aliases';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { discoverFiles } from '../../server/src/index/fileSet';
import { nameKindOf } from '../../server/src/entities/vocabulary';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import {
  baseNames,
  positionOf,
  samplePath,
  tempFolder,
  uriOf,
  workspaceOver,
  type Workspace,
} from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';
/** The chat room of CONTACT: MADM's ContactEvent of the contact carries it as h_chatRoom. */
const ROOM = 'socialminer_chat.37@conference.127.0.0.1';
const MIVR = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');

/** How many times `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The MIVR lines of CONTACT's chat: those naming the contact id, and those naming its room. */
const MIVR_CHAT_HITS = occurrences(MIVR, CONTACT) + occurrences(MIVR, ROOM);

/** Occurrences (file base name:line) of the entity a key names, under all its names, from the index alone. */
function linesOf(index: WorkspaceIndex, key: string): string[] {
  return hitsOf(index, key).map((h) => h.at);
}

/** Like linesOf, with the name each occurrence is (a key of the entity). */
function hitsOf(index: WorkspaceIndex, key: string): Array<{ at: string; key: string }> {
  const id = index.keyId(key);
  if (id < 0) return [];
  return index.hits(index.entityKeys(id)).hits.map((h) => ({
    at: `${path.basename(index.file(h.fileId)!.path ?? '')}:${h.line}`,
    key: index.keys.text(h.keyId),
  }));
}

/** The MIVR occurrences of CONTACT's chat once the MIVR log no longer names the contact: its room's only. */
function assertOnlyRoomLeftInMivr(index: WorkspaceIndex): void {
  const inMivr = hitsOf(index, `contact:${CONTACT}`).filter((h) => h.at.startsWith('Cisco001MIVR045.log:'));
  assert.deepEqual(
    inMivr.map((h) => h.key),
    Array.from({ length: occurrences(MIVR, ROOM) }, () => `chatRoom:${ROOM}`),
  );
}

async function settle(index: WorkspaceIndex): Promise<void> {
  await index.whenIdle();
}

describe('workspace index: files that change', function () {
  this.timeout(30_000);
  let tmp: { dir: string; remove(): void };
  let ws: Workspace;

  beforeEach(async () => {
    tmp = tempFolder('ccidx-ws-');
    fs.mkdirSync(path.join(tmp.dir, 'uccx'));
    fs.writeFileSync(path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log'), MIVR);
    fs.copyFileSync(samplePath('uccx/Cisco001MADM012.log'), path.join(tmp.dir, 'uccx', 'Cisco001MADM012.log'));
    ws = await workspaceOver([tmp.dir]);
  });
  afterEach(async () => {
    await ws.dispose();
    tmp.remove();
  });

  it('drops a deleted file and takes it back when it is created again', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const key = `contact:${CONTACT}`;
    assert.ok(linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    fs.rmSync(file);
    await ws.index.fileEvent(file, 'deleted');
    assert.ok(!linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    assert.ok(linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MADM012.log:')));
    fs.writeFileSync(file, MIVR);
    await ws.index.fileEvent(file, 'created');
    await settle(ws.index);
    assert.equal(linesOf(ws.index, key).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length, MIVR_CHAT_HITS);
  });

  it('holds the contact and the room its ContactEvent carries as one entity, citing that record', () => {
    const id = ws.index.keyId(`contact:${CONTACT}`);
    const names = ws.index.entityKeys(id);
    assert.deepEqual(
      new Set(names.map((k) => ws.index.keys.text(k))),
      new Set([`contact:${CONTACT}`, `chatRoom:${ROOM}`]),
    );
    const evidence = ws.index.linkEvidence(names);
    assert.equal(evidence.length, 1);
    assert.equal(path.basename(ws.index.file(evidence[0].fileId)!.path!), 'Cisco001MADM012.log');
    assert.match(
      evidence[0].why,
      /^the ContactEvent of contact 4B1E93C7100001650D5B1A000A301647 carries h_chatRoom socialminer_chat\.37@conference\.127\.0\.0\.1$/,
    );
    const madm = fs.readFileSync(samplePath('uccx/Cisco001MADM012.log'), 'utf8').split('\n');
    assert.match(madm[evidence[0].line], /ContactEvent \[operation=ADD/);
  });

  it('reads only the new tail of a log that grows, and a rewritten log again from the start', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const key = 'contact:ABCDEF01100001650D5B1A000A301647';
    assert.deepEqual(linesOf(ws.index, key), []);
    const lineCount = MIVR.split('\n').length - 1;
    fs.appendFileSync(
      file,
      `3841300: Aug 06 09:40:00.000 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-4] RouteAndQueueSubsystemLogger: ALLOCATED Contact [ABCDEF01100001650D5B1A000A301647] to Agent [Jabber@ge.nt4]\n`,
    );
    await ws.index.fileEvent(file, 'changed');
    await settle(ws.index);
    assert.deepEqual(linesOf(ws.index, key), [`Cisco001MIVR045.log:${lineCount}`]);
    const f = ws.index.fileByUri(uriOf(file))!;
    assert.equal(f.lines, lineCount + 1);
    // Lines indexed before are not doubled by the re-read of the last record.
    assert.equal(
      linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length,
      MIVR_CHAT_HITS,
    );

    // Rewritten (rotated in place): indexed again from the start. The MIVR log still names the
    // room of CONTACT (MADM ties them), no longer the contact; the new contact has no room in it.
    fs.writeFileSync(file, MIVR.replace(/4B1E93C7/g, '11111111'));
    await ws.index.fileEvent(file, 'changed');
    await settle(ws.index);
    assert.deepEqual(linesOf(ws.index, key), []);
    assertOnlyRoomLeftInMivr(ws.index);
    assert.equal(linesOf(ws.index, 'contact:11111111100001650D5B1A000A301647').length, 8);
  });

  it('indexes gzip logs that appear, transparently', async () => {
    const gz = path.join(tmp.dir, 'uccx', 'Cisco001MIVR044.log.gz');
    fs.writeFileSync(gz, zlib.gzipSync(Buffer.from(MIVR.replace(/4B1E93C7/g, '22222222'))));
    await ws.index.fileEvent(gz, 'created');
    await settle(ws.index);
    const f = ws.index.fileByUri(uriOf(gz))!;
    assert.equal(f.gzip, true);
    assert.equal(f.formatId, 'uccx_engine');
    assert.equal(linesOf(ws.index, 'contact:22222222100001650D5B1A000A301647').length, 8);
  });

  it('lets the text of an open document replace its file while it is edited', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const uri = uriOf(file);
    ws.index.openDocument(uri, 1, MIVR);
    assert.equal(ws.index.fileByUri(uri)!.document?.dirty, false, 'opening alone changes nothing');
    const edited = MIVR.replace(/4B1E93C7/g, '33333333');
    ws.index.changeDocument(uri, 2, edited);
    await settle(ws.index);
    assert.equal(linesOf(ws.index, 'contact:33333333100001650D5B1A000A301647').length, 8);
    assertOnlyRoomLeftInMivr(ws.index);
    ws.index.closeDocument(uri);
    await new Promise((r) => setTimeout(r, 50));
    await settle(ws.index);
    assert.equal(
      linesOf(ws.index, 'contact:33333333100001650D5B1A000A301647').length,
      0,
      'closed: the disk content is back',
    );
    assert.equal(
      linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length,
      MIVR_CHAT_HITS,
    );

    // A document that is not in the workspace is indexed from its text, and forgotten when closed.
    ws.index.openDocument('untitled:Untitled-1', 1, MIVR.replace(/4B1E93C7/g, '44444444'), 'uccx_engine');
    await settle(ws.index);
    assert.equal(
      ws.index.hits(ws.index.entityKeys(ws.index.keyId('contact:44444444100001650D5B1A000A301647'))).hits.length,
      8,
    );
    ws.index.closeDocument('untitled:Untitled-1');
    assert.equal(
      ws.index.hits(ws.index.entityKeys(ws.index.keyId('contact:44444444100001650D5B1A000A301647'))).hits.length,
      0,
    );
  });

  it('reads a document from outside the workspace from disk when its text is the file, from the text otherwise', async () => {
    const outside = tempFolder('ccidx-outside-');
    try {
      const file = path.join(outside.dir, 'Cisco001MIVR046.log');
      const onDisk = MIVR.replace(/4B1E93C7/g, '66666666');
      fs.writeFileSync(file, onDisk);
      const uri = uriOf(file);
      ws.index.openDocument(uri, 1, onDisk, 'uccx_engine');
      await settle(ws.index);
      const f = ws.index.fileByUri(uri)!;
      assert.equal(f.inWorkspace, false);
      assert.equal(f.document?.text, undefined, 'the text is not kept: the file is read');
      assert.ok(f.resume, 'indexed as a file (it can resume when it grows)');
      assert.equal(linesOf(ws.index, 'contact:66666666100001650D5B1A000A301647').length, 8);
      ws.index.closeDocument(uri);
      assert.equal(linesOf(ws.index, 'contact:66666666100001650D5B1A000A301647').length, 0, 'forgotten when closed');

      // The editor holds other text than the file (a restored unsaved buffer): that text is indexed.
      const edited = `${onDisk.replace(/66666666/g, '77777777')}\n`;
      ws.index.openDocument(uri, 1, edited, 'uccx_engine');
      await settle(ws.index);
      assert.equal(ws.index.fileByUri(uri)!.document?.dirty, true);
      assert.equal(linesOf(ws.index, 'contact:77777777100001650D5B1A000A301647').length, 8);
      assert.equal(linesOf(ws.index, 'contact:66666666100001650D5B1A000A301647').length, 0);
      ws.index.closeDocument(uri);
    } finally {
      outside.remove();
    }
  });

  it('answers from a file being indexed again with its previous index', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    fs.writeFileSync(file, MIVR + MIVR.replace(/4B1E93C7/g, '55555555'));
    const refresh = ws.index.fileEvent(file, 'changed');
    // Until the new index is complete, the old one answers (no moment without results).
    assert.equal(
      linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length,
      MIVR_CHAT_HITS,
    );
    await refresh;
    await settle(ws.index);
    assert.equal(linesOf(ws.index, 'contact:55555555100001650D5B1A000A301647').length, 8);
  });
});

/**
 * SocialMiner numbers its chat rooms from 1 again when it restarts: a capture over two days can hold
 * two chats in room socialminer_chat.37. The second day's ccppublicapps log below is the first day's
 * chat in room 37 with another customer, contact and session.
 */
const PUBLICAPPS = fs.readFileSync(
  samplePath('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'),
  'utf8',
);
const SESSION = 'A94C07E2B15D3F6680C4E91D27B03F5A';
const NEXT_CONTACT = '7C2D1E90100001650D5B1A000A301647';
const NEXT_SESSION = '5E81B3D7C20A4F9E8B16D0A4C7F2E391';
const NEXT_DAY_PUBLICAPPS =
  PUBLICAPPS.split('\n')
    .filter(
      (line, i) =>
        i === 0 || (line.includes('09:3') && (line.includes(CONTACT) || line.includes(SESSION) || line.includes(ROOM))),
    )
    .map((line) =>
      line
        .replace(/Aug 06 2018 09:/, 'Aug 07 2018 11:')
        .replace(/Aug 06 2018/, 'Aug 07 2018')
        .split(CONTACT)
        .join(NEXT_CONTACT)
        .split(SESSION)
        .join(NEXT_SESSION)
        .replace(/Meera Iyer/g, 'Ravi Menon'),
    )
    .join('\n') + '\n';

describe('workspace index: the names of one chat', function () {
  this.timeout(30_000);

  it('keeps two chats that got the same room number apart, and counts the links it refused', async () => {
    // The second day's log really is one more chat in room 37, stated like the first one.
    assert.match(
      NEXT_DAY_PUBLICAPPS,
      /CHAT_CREATED: %\[Contact=https:\/\/sm1\.example\.com\/ccp-webapp\/ccp\/socialcontact\/7C2D1E90100001650D5B1A000A301647\]\[Room=socialminer_chat\.37@conference\.127\.0\.0\.1\]\[Session=5E81B3D7C20A4F9E8B16D0A4C7F2E391\]/,
    );
    assert.match(
      NEXT_DAY_PUBLICAPPS,
      /CHAT_FEEDBACK_RECEIVED .*\[Session=5E81B3D7C20A4F9E8B16D0A4C7F2E391\]\[social_contact_id=7C2D1E90100001650D5B1A000A301647\]/,
    );
    assert.ok(!NEXT_DAY_PUBLICAPPS.includes(CONTACT) && !NEXT_DAY_PUBLICAPPS.includes(SESSION));

    const tmp = tempFolder('ccidx-rooms-');
    try {
      const first = path.join(tmp.dir, 'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log');
      const second = path.join(tmp.dir, 'CCBU-ccppublicapps.2018-08-07T11-02-40.117.startup.log');
      fs.writeFileSync(first, PUBLICAPPS);
      fs.writeFileSync(second, NEXT_DAY_PUBLICAPPS);
      const ws = await workspaceOver([tmp.dir], { pool: { workers: 2 } });
      try {
        const names = (key: string): Set<string> =>
          new Set(ws.index.entityKeys(ws.index.keyId(key)).map((k) => ws.index.keys.text(k)));
        // Each chat keeps its contact and session; the room, named by both, is a name of neither.
        assert.deepEqual(names(`contact:${CONTACT}`), new Set([`contact:${CONTACT}`, `chatSession:${SESSION}`]));
        assert.deepEqual(
          names(`contact:${NEXT_CONTACT}`),
          new Set([`contact:${NEXT_CONTACT}`, `chatSession:${NEXT_SESSION}`]),
        );
        assert.deepEqual(names(`chatRoom:${ROOM}`), new Set([`chatRoom:${ROOM}`]));
        // The other chats of the first day are untouched.
        assert.deepEqual(
          names('contact:E27A05D1100001650D5B1A000A301647'),
          new Set([
            'contact:E27A05D1100001650D5B1A000A301647',
            'chatRoom:socialminer_chat.36@conference.127.0.0.1',
            'chatSession:1D7F3A0C92E64B8850AF6C3D21E9B7F4',
          ]),
        );
        // Refused: CHAT_CREATED's contact-room link of each day; the index still knows it was stated.
        assert.equal(ws.index.aliases.refused, 2);
        assert.ok(ws.index.statesLink(`chatRoom:${ROOM}`, `contact:${NEXT_CONTACT}`));
        assert.ok(ws.index.statesLink(`contact:${CONTACT}`, `chatRoom:${ROOM}`));
        assert.ok(!ws.index.statesLink(`contact:${CONTACT}`, `contact:${NEXT_CONTACT}`));
        assert.ok(!ws.index.statesLink(`contact:${CONTACT}`, 'chatRoom:socialminer_chat.99@conference.127.0.0.1'));

        // References from the second day's contact (where its customer joins) stay in its own log.
        const doc = ws.docs.open(second);
        const refs = await ws.nav.references(
          doc,
          positionOf(doc, `SocialContactID=${NEXT_CONTACT}`, 'SocialContactID='.length + 2),
        );
        assert.deepEqual(baseNames(refs.value.map((l) => l.uri)), new Set([path.basename(second)]));
        const texts = new Set(refs.value.map((l) => doc.getText(l.range)));
        assert.deepEqual(texts, new Set([NEXT_CONTACT, NEXT_SESSION]));
        // Also from CHAT_CREATED, the record that states the refused link.
        const fromCreated = await ws.nav.references(
          doc,
          positionOf(doc, `socialcontact/${NEXT_CONTACT}`, 'socialcontact/'.length + 2),
        );
        assert.deepEqual(
          fromCreated.value.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort(),
          refs.value.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort(),
        );

        // Once the second day's log is gone, the room is the first chat's again.
        fs.rmSync(second);
        await ws.index.fileEvent(second, 'deleted');
        assert.deepEqual(
          names(`contact:${CONTACT}`),
          new Set([`contact:${CONTACT}`, `chatSession:${SESSION}`, `chatRoom:${ROOM}`]),
        );
        assert.equal(ws.index.aliases.refused, 0);
      } finally {
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });

  it('decides the same whatever order the links arrive in', () => {
    const kinds = ['contact:C0', 'contact:C1', `chatRoom:${ROOM}`, 'chatSession:S0', 'chatSession:S1'];
    const [c0, c1, room, s0, s1] = [0, 1, 2, 3, 4];
    const firstChat = [
      { a: c0, b: room, why: 'CHAT_CREATED 0', line: 1 },
      { a: c0, b: s0, why: 'CHAT_CREATED 0', line: 1 },
    ];
    const secondChat = [
      { a: c1, b: room, why: 'CHAT_CREATED 1', line: 1 },
      { a: c1, b: s1, why: 'CHAT_CREATED 1', line: 1 },
    ];
    for (const order of [
      [firstChat, secondChat],
      [secondChat, firstChat],
    ]) {
      const g = new AliasGraph((k) => nameKindOf(kinds[k]));
      g.add(1, order[0]);
      // Before the second chat is seen, the room is the first one's.
      assert.equal(g.members(order[0][0].a).length, 3);
      g.add(2, order[1]);
      assert.deepEqual(new Set(g.members(c0)), new Set([c0, s0]));
      assert.deepEqual(new Set(g.members(c1)), new Set([c1, s1]));
      assert.deepEqual(g.members(room), [room]);
      assert.equal(g.refused, 2);
      assert.deepEqual(
        g.evidence([c0, s0]).map((e) => [e.a, e.b]),
        [[c0, s0]],
      );
      g.removeFile(2);
      assert.deepEqual(new Set(g.members(order[0][0].a)), new Set([order[0][0].a, room, order[0][1].b]));
      assert.equal(g.refused, 0);
    }
  });

  it('still refuses a second name of one kind reached through other names', () => {
    // Room R with contact C0; session S with contact C1; then a link R-S would put C0 and C1 in one entity.
    const kinds = ['contact:C0', 'contact:C1', `chatRoom:${ROOM}`, 'chatSession:S'];
    const g = new AliasGraph((k) => nameKindOf(kinds[k]));
    g.add(1, [
      { a: 0, b: 2, why: 'C0-R', line: 0 },
      { a: 1, b: 3, why: 'C1-S', line: 1 },
      { a: 2, b: 3, why: 'R-S', line: 2 },
    ]);
    assert.deepEqual(new Set(g.members(0)), new Set([0, 2]));
    assert.deepEqual(new Set(g.members(1)), new Set([1, 3]));
    assert.equal(g.refused, 1);
  });

  it('tells the kind of a name from its key, whatever the value holds', () => {
    assert.equal(nameKindOf(`contact:${CONTACT}`), 'contact');
    assert.equal(nameKindOf(`chatRoom:${ROOM}`), 'chatRoom');
    assert.equal(nameKindOf('agent:icm:6420'), 'agent:icm');
    assert.equal(nameKindOf('agent:uccx:Jabber@ge.nt4'), 'agent:uccx');
    assert.equal(nameKindOf('agent:uccx:sip:kim@example.com'), 'agent:uccx');
    assert.equal(nameKindOf('agent:eceUser:Kim Min-su (김민수)'), 'agent:eceUser');
    assert.equal(nameKindOf('widget:1'), 'widget');
    assert.equal(nameKindOf('widget:name:Care: EN'), 'widget:name');
    assert.equal(nameKindOf('skillGroup:stid:6274'), 'skillGroup:stid');
  });
});

describe('workspace index: which files', function () {
  this.timeout(30_000);

  it('follows the include and exclude globs and says which files the caps left out', async () => {
    const tmp = tempFolder('ccidx-set-');
    try {
      const mk = (rel: string, text: string, mtime: number) => {
        const p = path.join(tmp.dir, rel);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, text);
        fs.utimesSync(p, mtime, mtime);
      };
      mk('logs/a.log', MIVR, 3000);
      mk('logs/b.log.1', MIVR, 2000);
      mk('logs/c.txt', 'small', 1000);
      mk('node_modules/x/d.log', MIVR, 4000);
      mk('.git/e.log', MIVR, 4000);
      mk('logs/big.log', 'x'.repeat(3 * 1024 * 1024), 5000);
      mk('logs/notes.md', MIVR, 5000);
      const found = await discoverFiles([tmp.dir], {
        ...DEFAULT_INDEX_SETTINGS,
        maxFileSizeMB: 2,
        maxTotalGB: (MIVR.length * 1.5) / 1024 ** 3,
      });
      // Newest first while they fit: the older MIVR roll is left out, the small file still fits.
      assert.deepEqual(
        found.files.map((f) => path.relative(tmp.dir, f.path).split(path.sep).join('/')),
        ['logs/a.log', 'logs/c.txt'],
      );
      assert.deepEqual(found.skipped.map((s) => `${path.basename(s.path)} ${s.reason}`).sort(), [
        'b.log.1 over the total cap',
        'big.log too large',
      ]);
      const all = await discoverFiles([tmp.dir], { ...DEFAULT_INDEX_SETTINGS, exclude: ['**/node_modules/**'] });
      assert.deepEqual(
        all.files.map((f) => path.relative(tmp.dir, f.path).split(path.sep).join('/')).sort(),
        ['.git/e.log', 'logs/a.log', 'logs/b.log.1', 'logs/big.log', 'logs/c.txt', 'node_modules/x/d.log'].filter(
          (p) => !p.startsWith('node_modules'),
        ),
      );
    } finally {
      tmp.remove();
    }
  });

  it('lists a folder of 1,000 logs in full while letting the event loop run in between', async () => {
    const tmp = tempFolder('ccidx-many-');
    try {
      for (let d = 0; d < 4; d++) {
        fs.mkdirSync(path.join(tmp.dir, `node${d}`));
        for (let i = 0; i < 250; i++) fs.writeFileSync(path.join(tmp.dir, `node${d}`, `ctisvr_${i}.log`), `${i}\n`);
      }
      fs.writeFileSync(path.join(tmp.dir, 'node0', 'old.log.gz'), zlib.gzipSync('x'.repeat(5000)));
      let turns = 0;
      let counting = true;
      const tick = (): void => {
        turns++;
        if (counting) setImmediate(tick);
      };
      setImmediate(tick);
      const found = await discoverFiles([tmp.dir], DEFAULT_INDEX_SETTINGS);
      counting = false;
      assert.equal(found.files.length, 1001);
      assert.equal(found.files.find((f) => f.path.endsWith('old.log.gz'))?.textBytes, 5000, 'a gzip counts its text');
      assert.ok(turns >= 3, `the event loop ran ${turns} times during the walk`);
    } finally {
      tmp.remove();
    }
  });

  it('stops on cancel, keeps what it has, and searches the rest as text', async () => {
    const tmp = tempFolder('ccidx-cancel-');
    try {
      for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(tmp.dir, `Cisco001MIVR04${i}.log`), MIVR);
      const ws = await workspaceOver([tmp.dir], { wait: false, pool: { workers: 1 } });
      try {
        while (ws.index.allFiles().length < 6) await new Promise((r) => setImmediate(r));
        ws.index.cancelAll();
        await ws.index.whenIdle();
        const states = ws.index.allFiles().map((f) => f.state);
        assert.ok(
          states.every((s) => s === 'indexed' || s === 'cancelled'),
          states.join(),
        );
        assert.ok(states.filter((s) => s === 'cancelled').length >= 4, states.join());
        assert.equal(ws.index.progress().running, false);
        const doc = ws.docs.open(path.join(tmp.dir, 'Cisco001MIVR040.log'));
        const refs = await ws.nav.references(doc, positionOf(doc, CONTACT, 2));
        assert.equal(baseNames(refs.value.map((l) => l.uri)).size, 6, 'every file answers, indexed or searched');
      } finally {
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });
});
