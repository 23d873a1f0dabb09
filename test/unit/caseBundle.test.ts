/**
 * The whole case bundle: Finesse, Tomcat, CVP, JTAPI, CUCM, CUIC, the Diagnostic Framework, ICM's
 * Cisco Log format, the router and the other dumplog processes. Each family is placed by name and
 * by content (alone and in mixed grep output), the real published lines of each go to their own
 * product (never SocialMiner for a CVP or CUIC line), and the sample calls and agents of flows C
 * (UCCX voice) and D (UCCE via CVP) are followed by the index into every file that names them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { LogModel } from '../../server/src/model/logModel';
import { foldingRanges } from '../../server/src/lsp/structure';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { SAMPLES, samplePath, workspaceOver, type Workspace } from './fixtures/index/helpers';

const FILES: Record<string, string> = {
  'cucm/SDL001_100_000412.txt': 'cucm_sdl',
  'jtapi/CiscoJtapi1.log': 'jtapi',
  'uccx/Cisco001MIVR101.log': 'uccx_engine',
  'finesse/Desktop-webservices.2019-08-21T10-10-00.000.log': 'finesse',
  'finesse/Desktop-ClientLog-mweber-2019-08-21.txt': 'finesse_desktop',
  'finesse/localhost_access_log.2019-08-21.txt': 'tomcat_access',
  'finesse/Desktop-webservices.2019-08-21T11-00-00.000.log': 'finesse',
  'finesse/Desktop-ClientLog-1090-2019-08-21.txt': 'finesse_desktop',
  'cvp/CVP.2019-08-21.log': 'cvp_call_server',
  'cvp/activity_log2019-08-21.txt': 'cvp_vxml',
  'icm/rtr_190821.txt': 'icm_router',
  'icm/jgw1_190821.txt': 'icm_trace',
  'icm/pim1_190821.txt': 'icm_trace',
  'icm/opc_190821.txt': 'icm_trace',
};

const read = (rel: string) => fs.readFileSync(samplePath(rel), 'utf8');

describe('case bundle: content detection per family', () => {
  const registry = builtinRegistry();

  for (const [rel, id] of Object.entries(FILES)) {
    it(`places ${rel} as ${id}, by name and by content alone`, () => {
      assert.equal(detectFormat(registry, rel, read(rel))?.format.id, id);
      assert.equal(detectFormat(registry, 'export.log', read(rel))?.format.id, id);
    });
  }

  it('places every real published sample line by its content alone', () => {
    const wrong: string[] = [];
    for (const f of registry.formats)
      for (const s of f.def.samples) {
        const found = detectFormat(registry, '', s.line)?.format.id;
        if (found !== f.id) wrong.push(`${f.id} -> ${found}: ${s.line.slice(0, 90)}`);
      }
    assert.deepEqual(wrong, []);
  });

  it('never calls a CVP, CUIC, Finesse, Cisco Log or Diagnostic Framework line SocialMiner', () => {
    const lines: Record<string, string> = {
      cvp_reporting:
        '15203: 10.201.198.11: Dec 14 2015 11:41:18.810 -0600: %CVP_10_0_RPT-7-CALL: {Thrd=http-processor41} EnterQueueHandler:EnterQueueHandler.exec: EnterQueueHandler CALLGUID=064CD880000100000000025308C6C90A CallStartDate=Mon Dec 14 11:41:18 CST 2015',
      cvp_call_server:
        '5219: 10.20.30.61: Aug 21 2019 11:02:14.151 +0200: %CVP_11_6_ICM-7-CALL: {Thrd=pool-7-thread-3} CALLGUID=7C1D4F8A100000000000001C0A0A1E2B NEW_CALL sent to ICM',
      cuic: '0000000059: 10.48.47.142: Aug 23 2017 14:38:40.728 +0200: %CCBU_CUIC_MODEL_OBJECTS-0-ERROR: <- CuicDashboardRESTProvider.java:338Maximum number of widgets allowed on a dashboard is {0}',
      finesse:
        'Sep 23 2014 22:21:22.875 -0700: %CCBU_pool-19-thread-4-7-CTIWriter.getQueryQueueStatisticsReq():  {Thrd=pool-19-thread-4} params : invokeId=112223, queueId=28353',
      icm_ciscolog:
        '25: host-w3k: Feb 13 2007 18:23:21.408 +0000: %ICM_Router_CallRouter-6-10500FF: [comp=Router-A][pname=rtr][iid=acme1][mid=10500FF][sev=info]: Side A rtr process is OK.',
    };
    for (const [id, line] of Object.entries(lines)) {
      const d = detectFormat(registry, 'CCBU-runtime.2017-08-22T16-19-54.610.startup.log', line);
      assert.equal(d?.format.id, id, line);
      assert.equal(d?.format.def.product === 'SocialMiner', false);
    }
    // The CUIC file name shares SocialMiner's CCBU-*.log; the facility decides.
    const cuic = read('../server/src/formats/defs/cuic.json');
    assert.ok(cuic.includes('CCBU-cuic'));
  });

  it('opens a JTAPI client log as JTAPI, not as the UCCX engine, even under a generic name', () => {
    const text = read('jtapi/CiscoJtapi1.log');
    assert.equal(detectFormat(registry, 'CiscoJtapi1.log', text)?.format.id, 'jtapi');
    assert.equal(detectFormat(registry, 'trace.txt', text)?.format.id, 'jtapi');
    // Its { } bodies fold into the record that opens them.
    const model = LogModel.build(text, { registry, format: registry.byId('jtapi')! });
    assert.equal(model.recordCount, 9);
    assert.equal(model.recordStartLine(1), 8);
    assert.match(model.recordText(0).text, /calledParty {7}= 7100\n\}$/);
    const folds = foldingRanges(model).map((f) => `${f.startLine}-${f.endLine}`);
    assert.deepEqual(folds, ['0-7', '12-17']);
  });

  it('keeps a CUCM SIP message over many lines in one record', () => {
    const text = read('cucm/SDL001_100_000412.txt');
    const model = LogModel.build(text, { registry, format: registry.byId('cucm_sdl')! });
    assert.equal(model.recordStartLine(1), 11);
    assert.match(model.recordText(0).text, /^00412001\.000 [^]*INVITE sip:7100@[^]*Content-Length: 0/);
    assert.ok(foldingRanges(model).some((f) => f.startLine === 1 && f.endLine >= 9));
    const sig = model.parseRecord(model.recordAt(13));
    assert.equal(sig?.fields.find((x) => x.name === 'signal')?.text, 'CcSetupReq');
  });

  it('places each line of mixed grep output by the most specific family', () => {
    const pick = (rel: string, n: number) => `${rel}:${n + 1}:${read(rel).split('\n')[n]}`;
    const text = [
      pick('cvp/CVP.2019-08-21.log', 0),
      pick('cvp/CVP.2019-08-21.log', 6),
      pick('icm/rtr_190821.txt', 1),
      pick('icm/pim1_190821.txt', 1),
      pick('jtapi/CiscoJtapi1.log', 8),
      pick('uccx/Cisco001MIVR101.log', 0),
      pick('finesse/Desktop-webservices.2019-08-21T10-10-00.000.log', 1),
      pick('cucm/SDL001_100_000412.txt', 11),
      pick('cvp/activity_log2019-08-21.txt', 0),
      pick('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log', 0),
    ].join('\n');
    const model = LogModel.build(text, { registry });
    const ids = Array.from({ length: model.recordCount }, (_, r) => model.recordFormatOf(r).id);
    assert.deepEqual(ids, [
      'cvp_call_server',
      'cvp_reporting',
      'icm_router',
      'icm_trace',
      'jtapi',
      'uccx_engine',
      'finesse',
      'cucm_sdl',
      'cvp_vxml',
      'socialminer',
    ]);
  });
});

describe('case bundle: the sample calls and agents across files', function () {
  this.timeout(60_000);
  let ws: Workspace;
  before(async () => {
    ws = await workspaceOver([SAMPLES]);
  });
  after(async () => {
    await ws.dispose();
  });

  /** Base names of the files holding the entity `key` names, under all its names. */
  function filesOf(index: WorkspaceIndex, key: string): string[] {
    const id = index.keyId(key);
    if (id < 0) return [];
    const names = index.hits(index.entityKeys(id)).hits.map((h) => path.basename(index.file(h.fileId)!.path ?? ''));
    return [...new Set(names)].sort();
  }

  it("follows flow D's call GUID through CVP, VXML Server, the router, the PG and Finesse", () => {
    assert.deepEqual(filesOf(ws.index, 'call:guid:7C1D4F8A100000000000001C0A0A1E2B'), [
      'CVP.2019-08-21.log',
      'Desktop-ClientLog-1090-2019-08-21.txt',
      'Desktop-webservices.2019-08-21T11-00-00.000.log',
      'activity_log2019-08-21.txt',
      'jgw1_190821.txt',
      'localhost_access_log.2019-08-21.txt',
      'pim1_190821.txt',
      'rtr_190821.txt',
    ]);
    // The other call, one digit away (router call key 2208), stays apart.
    assert.deepEqual(filesOf(ws.index, 'call:guid:7C1D4F8A100000000000001C0A0A1E2C'), [
      'CVP.2019-08-21.log',
      'rtr_190821.txt',
    ]);
  });

  it("follows flow C's call through CUCM, the JTAPI client, MIVR and Finesse", () => {
    const files = filesOf(ws.index, 'call:gcid:2238411');
    assert.deepEqual(files, [
      'Cisco001MIVR101.log',
      'CiscoJtapi1.log',
      'Desktop-ClientLog-mweber-2019-08-21.txt',
      'Desktop-webservices.2019-08-21T10-10-00.000.log',
      'SDL001_100_000412.txt',
      'localhost_access_log.2019-08-21.txt',
    ]);
    assert.deepEqual(filesOf(ws.index, 'call:gcid:2238414'), [
      'Cisco001MIVR101.log',
      'CiscoJtapi1.log',
      'SDL001_100_000412.txt',
    ]);
  });

  it('follows the agents: UCCX resource mweber and UCCE peripheral number 1090', () => {
    assert.deepEqual(filesOf(ws.index, 'agent:uccx:mweber'), [
      'Cisco001MIVR101.log',
      'Desktop-ClientLog-mweber-2019-08-21.txt',
      'Desktop-webservices.2019-08-21T10-10-00.000.log',
      'localhost_access_log.2019-08-21.txt',
    ]);
    assert.deepEqual(filesOf(ws.index, 'agent:periph:1090'), [
      'Desktop-ClientLog-1090-2019-08-21.txt',
      'Desktop-webservices.2019-08-21T11-00-00.000.log',
      'localhost_access_log.2019-08-21.txt',
      'opc_190821.txt',
      'rtr_190821.txt',
    ]);
  });
});
