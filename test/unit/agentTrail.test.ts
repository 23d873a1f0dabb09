/**
 * The trail of one agent across every log of flow B: the ECE listener and application server, the CTI
 * Server and OPC traces and the rttest/opctest/procmon output. Whatever spelling of agent 6420 the
 * cursor is on (its SkillTargetID, its ECE user id, its peripheral number, in whatever case the
 * field name is printed), find all references reaches the same files and the same lines.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { EntityNavigation } from '../../server/src/lsp/entityNavigation';
import { baseNames, positionOf, SAMPLES, samplePath, workspaceOver, type Workspace } from './fixtures/index/helpers';

const AGENT_FILES = [
  'eg_log_ECEAPP01_Listener.log',
  'eg_log_ECEAPP01_ApplicationServer.log',
  'ctisvr_190819.txt',
  'opc_190819.txt',
  'pg1a-agent-checks.txt',
];

/** Where the cursor goes: a file, a text before the id, the id. */
const SPELLINGS: Array<[string, string, string]> = [
  ['ece/eg_log_ECEAPP01_Listener.log', 'for user 1005: icmAgentId=', '6420'],
  ['ece/eg_log_ECEAPP01_Listener.log', 'userId=1005 icmAgentId=', '6420'],
  ['ece/eg_log_ECEAPP01_Listener.log', 'Received availability change from application server: user ', '1005'],
  ['ece/eg_log_ECEAPP01_ApplicationServer.log', 'UID:', '1005'],
  ['ece/eg_log_ECEAPP01_ApplicationServer.log', 'User ', '1005'],
  ['icm/ctisvr_190819.txt', 'ICMAgentID = ', '6420'],
  ['icm/ctisvr_190819.txt', 'AgentInfo = ', '1005'],
  ['icm/opc_190819.txt', 'ASTID=', '6420'],
  ['icm/opc_190819.txt', 'Periph#=', '15003'],
  ['icm/pg1a-agent-checks.txt', 'Agent: SkillTargetID=', '6420'],
  ['icm/pg1a-agent-checks.txt', 'AgentInfo=', '1005'],
  ['icm/pg1a-agent-checks.txt', '>>>>dagent ', '15003'],
  ['icm/pg1a-agent-checks.txt', 'Agent 15003: SkillTargetID=', '6420'],
];

describe('the trail of agent 6420 (ECE, CTI Server, OPC, tools)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  let nav: EntityNavigation;

  before(async () => {
    ws = await workspaceOver([SAMPLES], { pool: { workers: 0 } });
    nav = ws.nav;
  });
  after(async () => ws.dispose());

  async function referencesAt(file: string, before: string, id: string): Promise<Set<string>> {
    const doc = ws.docs.open(samplePath(file));
    const pos = positionOf(doc, before + id, before.length + 1);
    const refs = await nav.references(doc, pos);
    return new Set(refs.value.map((l) => `${path.basename(decodeURIComponent(l.uri))}:${l.range.start.line + 1}`));
  }

  it('reaches the same files and lines from every spelling of the agent', async () => {
    let first: Set<string> | undefined;
    for (const [file, before, id] of SPELLINGS) {
      const lines = await referencesAt(file, before, id);
      const files = baseNames([...lines].map((l) => l.replace(/:\d+$/, '')));
      assert.deepEqual([...files].sort(), [...AGENT_FILES].sort(), `from ${before}${id} in ${file}`);
      if (!first) first = lines;
      else assert.deepEqual([...lines].sort(), [...first].sort(), `the same lines from ${before}${id} in ${file}`);
    }
  });

  it('holds the console login, the availability change and the tools answers', async () => {
    const lines = await referencesAt('icm/ctisvr_190819.txt', 'ICMAgentID = ', '6420');
    for (const line of [
      'eg_log_ECEAPP01_Listener.log:11', // icmAgentId=6420 (media login requested)
      'eg_log_ECEAPP01_Listener.log:20', // media login succeeded
      'eg_log_ECEAPP01_Listener.log:38', // availability change for user 1005
      'eg_log_ECEAPP01_Listener.log:43', // ARMAgentData
      'eg_log_ECEAPP01_ApplicationServer.log:3', // console login
      'eg_log_ECEAPP01_ApplicationServer.log:4', // media login request
      'pg1a-agent-checks.txt:24', // opctest SkillTargetID=6420
      'pg1a-agent-checks.txt:25', // opctest AgentInfo=1005
      'pg1a-agent-checks.txt:36', // >>>>dagent 15003
      'pg1a-agent-checks.txt:37', // procmon Agent 15003: SkillTargetID=6420
    ])
      assert.ok(lines.has(line), `${line} missing`);
    // The other agent (6433, user 1007, periph# 15011) stays out.
    for (const line of ['eg_log_ECEAPP01_Listener.log:26', 'eg_log_ECEAPP01_ApplicationServer.log:6'])
      assert.ok(!lines.has(line), `${line} is agent 6433's`);
  });

  it('says in the hover of the application server UID which agent the ECE user is', async () => {
    const doc = ws.docs.open(samplePath('ece/eg_log_ECEAPP01_ApplicationServer.log'));
    const hover = await nav.entityHover(doc, positionOf(doc, 'UID:1005', 'UID:'.length + 1));
    assert.ok(hover, 'a hover on UID:1005');
    assert.match(hover.markdown, /agent:icm:6420/);
    assert.match(hover.markdown, /AgentInfo 1005/, 'the evidence of the link');
  });
});
