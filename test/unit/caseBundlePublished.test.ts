/**
 * Real published lines of the case bundle's formats that had none: the Finesse desktop client log
 * (a log attached to a public GitHub issue) and the VOS platform syslog (Cisco TAC document 214607 and
 * the CUCM 12.5(1) troubleshooting guide). Each is placed by content alone, dated by the stamp that
 * dates it, and names what it names. The same lines are the formats' samples, with their sources.
 */
import { strict as assert } from 'node:assert';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { LogModel } from '../../server/src/model/logModel';
import { extractEntities } from '../../server/src/entities/extract';
import { Severity } from '../../server/src/formats/severity';
import { findCiscoCodes } from '../../server/src/decode/ciscoCode';

const registry = builtinRegistry();

function parsed(line: string) {
  const model = LogModel.build(line, { registry });
  const rec = model.parseRecord(0);
  const field = (name: string) => rec?.fields.find((f) => f.name === name)?.text;
  return { model, format: model.recordFormatOf(0).id, instant: new Date(model.instantOf(0)).toISOString(), field };
}

describe('case bundle: published Finesse desktop client log lines', () => {
  // https://github.com/CiscoSE/finesseGadgets/issues/33 (2017-11-15): a space before the browser stamp's
  // offset and an empty client id, which the format first rejected.
  const dialog =
    '2017-11-15T09:57:27.274 +00:00: : fce-ucce-fns-pr.fce-ucce.ucce: Nov 15 2017 09:57:27.768 +0000: CallControl : _processCall(): Process the dialog with id: 191302278, to extension: 822605, from extension: null, call state: ACTIVE, callType: PREROUTE_ACD_IN';
  const xmlEvent =
    "2017-11-15T09:57:34.442 +00:00: : fce-ucce-fns-pr.fce-ucce.ucce: Nov 15 2017 09:57:34.936 +0000: Header : [ClientServices] MasterPublisher._parseAndPublishXMLEvent() - Received XML event on node '/finesse/api/User/3029/Dialogs': ";

  it('places them as the Finesse desktop log by content and by a client log name', () => {
    for (const line of [dialog, xmlEvent]) {
      assert.equal(detectFormat(registry, 'export.log', line)?.format.id, 'finesse_desktop');
      assert.equal(detectFormat(registry, 'clientlogs-3029.txt', line)?.format.id, 'finesse_desktop');
    }
  });

  it("dates them by the server's stamp, and reads host, client and component", () => {
    const p = parsed(dialog);
    assert.equal(p.format, 'finesse_desktop');
    assert.equal(p.instant, '2017-11-15T09:57:27.768Z');
    assert.equal(p.field('clientTime'), '2017-11-15T09:57:27.274 +00:00');
    assert.equal(p.field('client'), undefined);
    assert.equal(p.field('host'), 'fce-ucce-fns-pr.fce-ucce.ucce');
    assert.equal(p.field('component'), 'CallControl');
    assert.equal(parsed(xmlEvent).field('component'), 'Header');
  });

  it('names the dialog and the agent the lines are about', () => {
    const keys = (line: string) => extractEntities(line, 'finesse_desktop').occurrences.map((o) => o.key);
    assert.deepEqual(keys(dialog), ['call:dialog:191302278']);
    assert.deepEqual(keys(xmlEvent), ['agent:periph:3029']);
  });
});

describe('case bundle: published VOS platform syslog lines', () => {
  // Cisco TAC document 214607: CiscoSyslog on HCM-F. The syslog head is the server's local time (16:14),
  // the alarm's own stamp is UTC (14:14): the record is dated by the alarm, not by the head.
  const failed =
    'Jun 17 16:14:19 hcs862-hcm-f local7 2 : 7: hcs862-hcm-f.XXXXXXXXtest.net: Jun 17 2019 14:14:19.781 UTC : %UC_SERVICEMANAGER-2-ServiceFailed: %[ServiceName=Cisco RTMT Web Service][Reason=Service stopped abruptly][AppID=Cisco Service Manager][ClusterID=][NodeID=hcs862-hcm-f]: Service terminated.';
  const spaced =
    'Jun 17 16:14:20 hcs862-hcm-f local7 2 : 8: hcs862-hcm-f.XXXXXXXXtest.net: Jun 17 2019 14:14:20.791 UTC : %UC_SERVICEMANAGER-2-ServiceStartFailed : %[ServiceName=Cisco Trace Collection Servlet][Reason=HTTP 404 Error][AppID=Cisco Service Manager][ClusterID=][NodeID=hcs862-hcm-f]: Failed to start service.';
  const twoDigits =
    'Jun 19 12:00:00 hcs862-hcm-f local99 0 : 42: hcs862-hcm-f.XXXXXXXXtest.net: Jun 19 2019 10:00:00.19 UTC :  %UC_CERT-0-CertExpired: %[Message=Certificate expiration Notification. Certificate name:tomcat.der Unit:tomcat Type:own-cert Expiration:Sun Mar 26 12:30:59:000 CES][AppID=Cisco Certificate Monitor][ClusterID=][NodeID=hcs862-hcm-f]: Certificate has Expired and needs to be changed at the earliest';
  // CUCM 12.5(1) troubleshooting guide, SNMP chapter: an older release, no alarm host and no year.
  const older =
    'Mar 18 16:40:52 ciscart26 local7 6 : 92: Mar 18 11:10:52.630 UTC : %CCM_SERVICEMANAGER-SERVICEMANAGER-6-ServiceActivated: Service Activated. Service Name:Cisco CallManager SNMP Service App ID:Cisco Service Manager Cluster ID: Node ID:ciscart26';

  it('places them as VOS by content and by the CiscoSyslog name', () => {
    for (const line of [failed, spaced, twoDigits, older]) {
      assert.equal(detectFormat(registry, 'export.log', line)?.format.id, 'vos_platform', line);
      assert.equal(detectFormat(registry, 'CiscoSyslog', line)?.format.id, 'vos_platform', line);
    }
  });

  it("dates an alarm by its own UTC stamp, not by the syslog head's local time", () => {
    const p = parsed(failed);
    assert.equal(p.instant, '2019-06-17T14:14:19.781Z');
    assert.equal(p.field('syslogTime'), 'Jun 17 16:14:19');
    assert.equal(p.field('host'), 'hcs862-hcm-f');
    assert.equal(p.field('appHost'), 'hcs862-hcm-f.XXXXXXXXtest.net');
    assert.equal(p.field('mnemonic'), 'ServiceFailed');
    assert.equal(p.model.severityOf(0), Severity.Critical);
    assert.equal(parsed(spaced).field('mnemonic'), 'ServiceStartFailed');
    assert.equal(parsed(twoDigits).instant, '2019-06-19T10:00:00.190Z');
    assert.equal(parsed(twoDigits).model.severityOf(0), Severity.Emergency);
  });

  it('reads the whole CamelCase alarm name in the message code the hover explains', () => {
    const codes = findCiscoCodes(failed).map((c) => c.value && `${c.value.product}/${c.value.mnemonic}`);
    assert.deepEqual(codes, ['UC/ServiceFailed']);
    assert.equal(findCiscoCodes(twoDigits)[0]?.value?.mnemonic, 'CertExpired');
  });

  it('reads the older form without the alarm host and year, and a plain syslog line', () => {
    const p = parsed(older);
    assert.equal(p.field('process'), 'CCM_SERVICEMANAGER-SERVICEMANAGER');
    assert.equal(p.field('mnemonic'), 'ServiceActivated');
    assert.equal(p.field('appHost'), undefined);
    assert.match(p.instant, /-03-18T11:10:52\.630Z$/);
    const plain = parsed('Jun 17 16:14:19 hcs862-hcm-f authpriv 6 : sshd[8812]: Accepted password for admin');
    assert.equal(plain.format, 'vos_platform');
    assert.match(plain.instant, /-06-17T16:14:19\.000Z$/);
  });
});
