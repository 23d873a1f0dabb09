/**
 * Hovers on the case bundle's products, over the samples and published lines: SIP messages and SDL
 * signals summarised, JTAPI's { } CTI objects as tables, message codes of CVP, CUIC, Finesse and
 * JTAPI with their meaning (never "SocialMiner" for a CVP or CUIC code), CSV columns named.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { builtinRegistry } from '../../server/src/formats/registry';
import { LogModel } from '../../server/src/model/logModel';
import { EXPLAINERS } from '../../server/src/explain';
import { hoverAt } from '../../server/src/lsp/hover';
import { samplePath } from './fixtures/index/helpers';

const registry = builtinRegistry();

/** The hover text at (line, character) of a sample file, with Markdown escapes removed. */
function hover(rel: string, formatId: string, line: number, character: number): string {
  const text = fs.readFileSync(samplePath(rel), 'utf8');
  const model = LogModel.build(text, { registry, format: registry.byId(formatId)!, settingsYear: 2019 });
  const h = hoverAt(`file:///${rel}`, model, { line, character }, EXPLAINERS);
  const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  return value.replace(/\\(.)/g, '$1');
}

function hoverOnLine(text: string, formatId: string, needle: string): string {
  const model = LogModel.build(text, { registry, format: registry.byId(formatId)!, settingsYear: 2019 });
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  const character = text.split('\n')[line]!.indexOf(needle) + 1;
  const h = hoverAt('file:///x.log', model, { line, character }, EXPLAINERS);
  const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  return value.replace(/\\(.)/g, '$1');
}

describe('case bundle hovers', () => {
  it('summarises a SIP INVITE a CUCM trace prints over many lines', () => {
    const md = hover('cucm/SDL001_100_000412.txt', 'cucm_sdl', 3, 3);
    assert.match(md, /SIP request.*INVITE.*Sets up a call/);
    assert.match(md, /Request-URI \| `sip:7100@10\.20\.30\.11:5060`/);
    assert.match(md, /Call-ID \| `5B3F2E80-C39A11E9-8F21D4A1-7C1D0001@10\.20\.30\.5`/);
    assert.match(md, /CSeq \| `101 INVITE`/);
  });

  it('summarises an SDL signal: sender, receiver, state and call leg', () => {
    const md = hover('cucm/SDL001_100_000412.txt', 'cucm_sdl', 13, 40);
    assert.match(md, /SDL signal.*CcSetupReq/);
    assert.match(md, /To \| `Cdcc` \| cluster 1, node 100, process type 219, instance 7/);
    assert.match(md, /State of the receiver \| `restart0`/);
    assert.match(md, /`CI=48219632`/);
  });

  it("shows a JTAPI CTI message's { } body as a table of its fields", () => {
    const md = hover('jtapi/CiscoJtapi1.log', 'jtapi', 2, 4);
    assert.match(md, /\*\*NewCallEvent\*\* `com\.cisco\.cti\.protocol\.NewCallEvent` \(6 fields\)/);
    assert.match(md, /\| `callLegID` \| `48219632` \|/);
  });

  it('nests the objects of a published JTAPI ProviderOpenRequest', () => {
    const text = [
      '9364: Nov 23 07:09:02.973 COT %JTAPI-PROTOCOL-7-UNK:(P53-192.168.10.82) [ProviderRetryThread] sending: com.cisco.cti.protocol.ProviderOpenRequest {',
      'provider = 192.168.10.82',
      'qbeClientVersion = Cisco JTAPI 12.5(0.98000)-1 Release',
      'login = com.cisco.cti.protocol.UnicodeString {',
      'unicodedisplayName = MyCER',
      '}',
      '}',
    ].join('\n');
    const md = hoverOnLine(text, 'jtapi', 'qbeClientVersion');
    assert.match(md, /ProviderOpenRequest.*\(4 fields\)/);
    assert.match(md, /\| `login` \| `com\.cisco\.cti\.protocol\.UnicodeString` \|/);
    assert.match(md, /\u00a0\u00a0`unicodedisplayName` \| `MyCER`/);
  });

  it('names CVP, CUIC, Finesse and JTAPI message codes, never as SocialMiner', () => {
    const cvp = hover('cvp/CVP.2019-08-21.log', 'cvp_call_server', 1, 55);
    assert.match(cvp, /Product \| `CVP` \| CVP: Unified Customer Voice Portal/);
    assert.match(cvp, /Facility \| `11_6_ICM` \| CVP ICM service/);
    assert.doesNotMatch(cvp, /SocialMiner:/);
    const cuic = hoverOnLine(
      '0000000060: 10.48.47.142: Aug 23 2017 14:39:28.513 +0200: %CCBU_CUIC_MODEL_OBJECTS-0-ERROR: <- CuicDashboardRESTProvider.java:338 Maximum number of widgets allowed on a dashboard is {0}',
      'cuic',
      'CUIC_MODEL',
    );
    assert.match(cuic, /Facility \| `CUIC_MODEL_OBJECTS`/);
    assert.match(cuic, /more than 10 widgets/);
    assert.match(cuic, /Product \| `CCBU` \| CUIC: /);
    const finesse = hoverOnLine(
      'Sep 22 2014 14:34:59.878 -0700: %CCBU_pool-21-thread-1-6-QUEUE_STATISTICS_REQUEST: %[count=751]: Starting new round of querying active queue statistics',
      'finesse',
      'pool-21',
    );
    assert.match(finesse, /Product \| `CCBU` \| Finesse: /);
    assert.match(finesse, /Facility \| `pool-21-thread-1` \| Finesse: the thread that wrote the line/);
    assert.match(finesse, /QUEUE STATISTICS POLLING ERROR follows/);
    const jtapi = hover('jtapi/CiscoJtapi1.log', 'jtapi', 0, 35);
    assert.match(jtapi, /Product \| `JTAPI` \| Cisco JTAPI client/);
  });

  it('names the columns of a CVP VXML Server activity line', () => {
    const md = hover('cvp/activity_log2019-08-21.txt', 'cvp_vxml', 3, 75);
    assert.match(md, /category|Category/);
    const element = hover('cvp/activity_log2019-08-21.txt', 'cvp_vxml', 4, 66);
    assert.match(element, /Element of the application/);
  });

  it('names the dumplog process a line comes from (JTAPI gateway, PIM, dialer)', () => {
    const jgw = hover('icm/jgw1_190821.txt', 'icm_trace', 1, 20);
    assert.match(jgw, /processName.*`jgw1`/);
    assert.match(jgw, /`jgw1`: JTAPI gateway: the PG's JTAPI client of CUCM's CTI Manager/);
    const pim = hover('icm/pim1_190821.txt', 'icm_trace', 1, 20);
    assert.match(pim, /`pim1`: Peripheral Interface Manager/);
    const dialer = hoverOnLine(
      '10:55:33:059 dialer-baDialer Trace: (CPORT) SetState(): Port: [016], state: [PORT_DEVICE_ATTRIB].',
      'icm_trace',
      'baDialer',
    );
    assert.match(dialer, /`baDialer`: Outbound Option dialer/);
  });
});
