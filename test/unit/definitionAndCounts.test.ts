/**
 * What go to definition means for an id with several names, counts that say what they count, code
 * lenses that name their id, and a references list that keeps the lines nearest the request when it
 * is cut, and says so.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver';
import { EntityNavigation } from '../../server/src/lsp/entityNavigation';
import { positionOf, SAMPLES, samplePath, workspaceOver, type Workspace } from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function lineOf(ws: Workspace, l: Location): string {
  const doc = ws.docs.get(l.uri) ?? ws.docs.open(decodeURIComponent(new URL(l.uri).pathname));
  return doc.getText().split('\n')[l.range.start.line]!;
}

describe('definition, counts, lenses and cut references', function () {
  this.timeout(60_000);
  let ws: Workspace;

  before(async () => {
    ws = await workspaceOver([SAMPLES], { pool: { workers: 0 } });
  });
  after(async () => ws.dispose());

  it('goes from the decimal InvokeID of a CTI Server trace to the request that carried it in hex', async () => {
    const ctisvr = ws.docs.open(samplePath('icm/ctisvr_190819.txt'));
    const def = await ws.nav.definition(
      ctisvr,
      positionOf(ctisvr, 'SendARMMsg -- InvokeID = 80237', 'SendARMMsg -- InvokeID = '.length + 2),
    );
    assert.ok(def.value);
    assert.equal(def.value.uri, ctisvr.uri);
    assert.match(lineOf(ws, def.value), /MsgType:MAKE_AGENT_ROUTABLE_IND \(InvokeID:0x1396d /);
    assert.equal(ctisvr.getText(def.value.range), '0x1396d');
    // The hover names the same line as the birth.
    const hover = await ws.nav.entityHover(
      ctisvr,
      positionOf(ctisvr, 'SendARMMsg -- InvokeID = 80237', 'SendARMMsg -- InvokeID = '.length + 2),
    );
    assert.ok(hover);
    const line = def.value.range.start.line + 1;
    assert.match(hover.summary, new RegExp(`born at \\[ctisvr\\\\_190819\\\\\\.txt\\\\:${line}\\]`));
  });

  it('goes to the birth of the name under the cursor: a contact id to SOCIAL_CONTACT_CREATED, its session to PUBLICAPPS_SESSION_CREATED', async () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const pos = positionOf(mivr, `ALLOCATED Contact [${CONTACT}`, 'ALLOCATED Contact ['.length + 4);
    const def = await ws.nav.definition(mivr, pos);
    assert.ok(def.value);
    assert.match(def.value.uri, /CCBU-runtime/);
    assert.match(lineOf(ws, def.value), /SOCIAL_CONTACT_CREATED/);
    // The workspace symbol of the contact and the hover say the same line.
    const symbol = ws.nav.workspaceSymbols('4b1e93')[0]!;
    assert.equal(symbol.location.uri, def.value.uri);
    assert.equal(symbol.location.range.start.line, def.value.range.start.line);
    const hover = await ws.nav.entityHover(mivr, pos);
    assert.ok(hover);
    assert.match(
      hover.summary,
      new RegExp(`born at \\[CCBU\\\\-runtime[^\\]]*\\\\:${def.value.range.start.line + 1}\\]`),
    );
    // The chat's first name (the customer's publicapps session) is named too, as such.
    assert.match(hover.detail, /First born under another name: `chatSession:A94C07E2B15D3F6680C4E91D27B03F5A`/);
    const ppa = ws.docs.open(samplePath('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'));
    const sessionDef = await ws.nav.definition(ppa, positionOf(ppa, 'A94C07E2B15D3F6680C4E91D27B03F5A', 3, 2));
    assert.ok(sessionDef.value);
    assert.match(lineOf(ws, sessionDef.value), /PUBLICAPPS_SESSION_CREATED/);
  });

  it('counts the same thing in the hover, the code lens and the references list, and says what', async () => {
    const listener = ws.docs.open(samplePath('ece/eg_log_ECEAPP01_Listener.log'));
    const pos = positionOf(listener, 'for user 1005: icmAgentId=6420', 'for user 1005: icmAgentId='.length + 1);
    const refs = await ws.nav.references(listener, pos);
    const hover = await ws.nav.entityHover(listener, pos);
    assert.ok(hover);
    const lines = new Set(refs.value.map((l) => `${l.uri}:${l.range.start.line}`)).size;
    const files = new Set(refs.value.map((l) => l.uri)).size;
    const said = `${refs.value.length} references on ${lines} lines in ${files} files`;
    assert.match(hover.summary, new RegExp(said));
    const lens = ws.nav
      .codeLenses(listener)
      .map((l) => ws.nav.resolveCodeLens(l))
      .find((l) => (l.data as { key: string }).key === 'agent:eceUser:1005');
    assert.ok(lens, 'a lens on the agent');
    assert.equal(lens.command!.title, `ECE user 1005: ${said}`);
  });

  it('names the id in every lens title', () => {
    const mivr = ws.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    const titles = ws.nav.codeLenses(mivr).map((l) => ws.nav.resolveCodeLens(l).command!.title);
    assert.ok(titles.length > 1);
    for (const t of titles)
      assert.match(
        t,
        /^(chat|chat room|chat session|agent|widget|MRD|skill group)\b.*: \d+ references on \d+ lines? in \d+ files?$/,
      );
    assert.ok(
      titles.includes(`chat 4B1E93C7...: ${titles.find((t) => t.startsWith('chat 4B1E93C7...: '))!.slice(18)}`),
    );
  });

  it('keeps the lines of this file and the nearest instants when the references are cut, and says how to see all', async () => {
    const opc = ws.docs.open(samplePath('icm/opc_190819.txt'));
    const pos = positionOf(opc, 'MakeAgentRoutableInd - InvokeID = 80237, MRDID = 5000, ICMAgentID = 6420', 68);
    const all = await ws.nav.references(opc, pos);
    assert.equal(all.cut, undefined);
    const opcLines = all.value.filter((l) => l.uri === opc.uri).length;
    // Room for the lines of opc and two more: the earliest lines (the ECE listener's login) would
    // have filled it before; now the nearest instants do (ctisvr at the same millisecond).
    const limit = opcLines + 2;
    assert.ok(all.value.length > limit);
    const small = new EntityNavigation({
      documents: ws.docs,
      models: ws.docs.modelSource,
      query: ws.query,
      maxReferences: limit,
    });
    const cut = await small.references(opc, pos);
    assert.equal(cut.value.length, limit);
    assert.equal(cut.value.filter((l) => l.uri === opc.uri).length, opcLines, 'every line of this file');
    for (const l of cut.value.filter((x) => x.uri !== opc.uri)) {
      assert.match(path.basename(decodeURIComponent(l.uri)), /^ctisvr_190819\.txt$/);
      assert.match(lineOf(ws, l), /^15:34:09:841 /);
    }
    assert.ok(cut.cut);
    assert.match(cut.cut, new RegExp(`^References of agent:icm:6420: ${limit} of ${all.value.length} shown`));
    assert.match(cut.cut, /this file and nearest in time/);
    assert.match(cut.cut, /ccLogs\.showTimeline/);
  });
});
