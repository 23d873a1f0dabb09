/**
 * Every record-starting line quoted in the two source documents parses to the right format,
 * instant (UTC), severity and fields.
 */
import * as assert from 'node:assert/strict';
import { severityName } from '../../server/src/formats/severity';
import { field, firstRecord, iso } from './helpers/model';

interface Case {
  line: string;
  format: string;
  instant?: string;
  severity: string;
  fields?: Record<string, string>;
  /** Text put above the line (dumplog date header). */
  above?: string;
  options?: { zonelessOffset?: { minutes: number; source: string }; settingsYear?: number };
}

const SM = '10.78.91.166';
const cases: Case[] = [
  // UCCX / SocialMiner bubble chat document
  {
    line: `0000000323: ${SM}: Aug 06 2018 09:24:09.538 +0530: %CCBU_____CCPAPI-6-REST_API_INFO:`,
    format: 'socialminer',
    instant: '2018-08-06T03:54:09.538Z',
    severity: 'info',
    fields: {
      seq: '0000000323',
      host: SM,
      process: 'CCBU',
      facility: 'CCPAPI',
      level: '6',
      mnemonic: 'REST_API_INFO',
      offset: '+0530',
    },
  },
  {
    line: `0000000324: ${SM}: Aug 06 2018 09:24:09.538 +0530: %CCBU_____CCPAPI-6-REST_API_INFO:`,
    format: 'socialminer',
    instant: '2018-08-06T03:54:09.538Z',
    severity: 'info',
    fields: { seq: '0000000324' },
  },
  {
    line: '7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]',
    format: 'uccx_admin',
    instant: '2018-08-06T04:01:21.235Z',
    severity: 'debug',
    fields: {
      seq: '7199526',
      zone: 'IST',
      process: 'MADM',
      facility: 'UCCX_WEBSERVICES',
      level: '7',
      mnemonic: 'UNK',
      thread: 'http-bio-443-exec-14',
    },
  },
  {
    line: '7199527: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]',
    format: 'uccx_admin',
    instant: '2018-08-06T04:01:21.235Z',
    severity: 'debug',
  },
  {
    line: '7199528: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]',
    format: 'uccx_admin',
    instant: '2018-08-06T04:01:21.235Z',
    severity: 'debug',
  },
  {
    line: `${SM}: Aug 06 2018 09:31:21.297 +0530: %CCBU_____CCPAPI-6-REST_API_INFO:`,
    format: 'socialminer',
    instant: '2018-08-06T04:01:21.297Z',
    severity: 'info',
    fields: { host: SM, mnemonic: 'REST_API_INFO' },
  },
  {
    line: `${SM}: Aug 06 2018 09:32:38.684 +0530: %CCBU__CCPPUBLICAPPS-6-PUBLICAPPS_SESSION_CREATED:`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.684Z',
    severity: 'info',
    fields: { facility: 'CCPPUBLICAPPS', mnemonic: 'PUBLICAPPS_SESSION_CREATED' },
  },
  {
    line: `0000001136: ${SM}: Aug 06 2018 09:32:38.692 +0530: %CCBU__CCPPUBLICAPPS-6-`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.692Z',
    severity: 'info',
    fields: { facility: 'CCPPUBLICAPPS', mnemonic: '' },
  },
  {
    line: `0000399687: ${SM}: Aug 06 2018 09:32:38.764 +0530: %CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED:`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.764Z',
    severity: 'info',
    fields: { facility: 'FEEDS', mnemonic: 'SOCIAL_CONTACT_CREATED' },
  },
  {
    line: `0000000337: ${SM}: Aug 06 2018 09:32:38.767 +0530: %CCBU_____CCPAPI-6-CREATE_SOCIAL_CONTACT: SocialContact successfully created with requestId: y3xQxE`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.767Z',
    severity: 'info',
    fields: { mnemonic: 'CREATE_SOCIAL_CONTACT' },
  },
  {
    line: `0000001142: ${SM}: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED:`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.768Z',
    severity: 'info',
    fields: { mnemonic: 'CHAT_CREATED' },
  },
  {
    line: `0008541000: ${SM}: Aug 06 2018 09:32:38.940 +0530: %CCBU___NOTIFICATION-6-NOTIFICATION_SUCCEEDED:`,
    format: 'socialminer',
    instant: '2018-08-06T04:02:38.940Z',
    severity: 'info',
    fields: { facility: 'NOTIFICATION', mnemonic: 'NOTIFICATION_SUCCEEDED', seq: '0008541000' },
  },
  {
    line: '7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]',
    format: 'uccx_admin',
    instant: '2018-08-06T04:02:39.079Z',
    severity: 'debug',
    fields: { thread: 'http-bio-443-exec-7' },
  },
  {
    line: '7199573: Aug 06 09:32:39.080 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]',
    format: 'uccx_admin',
    instant: '2018-08-06T04:02:39.080Z',
    severity: 'debug',
  },
  {
    line: '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger:',
    format: 'uccx_engine',
    instant: '2018-08-06T04:02:39.144Z',
    severity: 'debug',
    fields: {
      seq: '3722751',
      process: 'MIVR',
      facility: 'SS_CHAT',
      thread: 'pool-8-thread-15',
      component: 'ChatSubsystemLogger',
    },
  },
  {
    line: '3722752: Aug 06 09:32:39.144 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-15]',
    format: 'uccx_engine',
    instant: '2018-08-06T04:02:39.144Z',
    severity: 'debug',
    fields: { facility: 'SS_ROUTEANDQUEUE' },
  },
  {
    line: `0000001149: ${SM}: Aug 06 2018 09:32:46.842 +0530: %CCBU__CCPPUBLICAPPS-6-  `,
    format: 'socialminer',
    instant: '2018-08-06T04:02:46.842Z',
    severity: 'info',
  },
  {
    line: `0000001152: ${SM}: Aug 06 2018 09:32:51.168 +0530: %CCBU__CCPPUBLICAPPS-6-  `,
    format: 'socialminer',
    instant: '2018-08-06T04:02:51.168Z',
    severity: 'info',
  },
  {
    line: 'Mon Aug 06 2018 09:32:48 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Received chat room  ',
    format: 'chat_console',
    instant: '2018-08-06T04:02:48.000Z',
    severity: 'info',
    fields: { offset: 'GMT+0530', zoneName: 'India Standard Time', component: 'CISCO_BUBBLE_CHAT' },
  },
  {
    line: `0000001185: ${SM}: Aug 06 2018 09:33:26.738 +0530: %CCBU__CCPPUBLICAPPS-6-  `,
    format: 'socialminer',
    instant: '2018-08-06T04:03:26.738Z',
    severity: 'info',
  },
  {
    line: 'Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Feedback submitted successfully. Response code: 200',
    format: 'chat_console',
    instant: '2018-08-06T04:03:34.000Z',
    severity: 'info',
  },
  {
    line: 'Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Successfully ended the chat session. Response code: 200 ccp-chat-components.js:1:14634',
    format: 'chat_console',
    instant: '2018-08-06T04:03:34.000Z',
    severity: 'info',
  },
  {
    line: 'Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Successfully cleaned up',
    format: 'chat_console',
    instant: '2018-08-06T04:03:34.000Z',
    severity: 'info',
  },
  {
    line: `${SM}: Aug 06 2018 09:33:34.277 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_FEEDBACK_RECEIVED :  `,
    format: 'socialminer',
    instant: '2018-08-06T04:03:34.277Z',
    severity: 'info',
    fields: { mnemonic: 'CHAT_FEEDBACK_RECEIVED' },
  },
  {
    line: '3723269: Aug 06 09:33:34.290 IST %MIVR-SS_CHAT-7-UNK:[Smack Packet Reader (1)]  ',
    format: 'uccx_engine',
    instant: '2018-08-06T04:03:34.290Z',
    severity: 'debug',
    fields: { thread: 'Smack Packet Reader (1)' },
  },
  {
    line: '3723276: Aug 06 09:33:34.299 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[Smack Listener Processor (1)]  ',
    format: 'uccx_engine',
    instant: '2018-08-06T04:03:34.299Z',
    severity: 'debug',
    fields: { thread: 'Smack Listener Processor (1)' },
  },
  {
    line: '1) GET https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true',
    format: 'chat_console',
    severity: 'info',
    fields: {
      httpMethod: 'GET',
      url: 'https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true',
      step: '1',
    },
  },
  {
    line: '3) GET https://sm-fqdn/ccp/bubblechat?wid=1',
    format: 'chat_console',
    severity: 'info',
    fields: { url: 'https://sm-fqdn/ccp/bubblechat?wid=1' },
  },
  {
    line: 'GET https://sm-fcdn/ccp/bubblechat?wid=1[HTTP/1.1 200 OK 289ms]',
    format: 'chat_console',
    severity: 'info',
    fields: { url: 'https://sm-fcdn/ccp/bubblechat?wid=1', status: '200', httpVersion: '1.1' },
  },
  // ECE agent login and availability document
  {
    line: '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [14285:listener-event-pool-priority-arm-request-executor::-0] <@> ProcessId:4584',
    format: 'ece',
    instant: '2019-07-20T18:27:31.749Z',
    severity: 'info',
    fields: {
      level: 'INFO',
      thread: '14285:listener-event-pool-priority-arm-request-executor::-0',
      process: '4584',
      offset: 'GMT+0000',
    },
  },
  {
    line: '2019-07-20 18:27:32.037 GMT+0000 <@> INFO <@> [71:Thread-9] <@> ProcessId:4584 <@> PID:1 <@>',
    format: 'ece',
    instant: '2019-07-20T18:27:32.037Z',
    severity: 'info',
    fields: { thread: '71:Thread-9', pid: '1' },
  },
  {
    line: '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.AgentAvailabilityStatusHandler <@> <@>',
    format: 'ece',
    instant: '2019-08-19T13:34:09.773Z',
    severity: 'info',
    fields: { process: '5436', uid: '12', component: 'com.ipcc.listener.AgentAvailabilityStatusHandler' },
  },
  {
    line: '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_ROUTABLE_IND -> 0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2 <@>',
    format: 'ece',
    instant: '2019-08-19T13:34:09.773Z',
    severity: 'info',
    fields: { component: 'com.ipcc.listener.arm.ARMLogger' },
  },
  {
    line: '2019-08-19 13:34:09.774 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1 <@>',
    format: 'ece',
    instant: '2019-08-19T13:34:09.774Z',
    severity: 'info',
  },
  {
    line: '2019-08-19 13:34:09.774 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@>',
    format: 'ece',
    instant: '2019-08-19T13:34:09.774Z',
    severity: 'info',
  },
  {
    line: '20:27:32:466 cglA-ctisvr Trace: ProcessMediaLoginReq - sessionID 4',
    above: 'Events from July 20, 2019:',
    options: { zonelessOffset: { minutes: 120, source: 'test' } },
    format: 'icm_trace',
    instant: '2019-07-20T18:27:32.466Z',
    severity: 'info',
    fields: { process: 'cglA-ctisvr', node: 'cglA', processName: 'ctisvr', level: 'Trace' },
  },
  {
    line: '20:27:32:466 cglA-ctisvr Trace: SendARMMsg -- InvokeID = 591309094, MRDID = 5000, ICMAgentID =',
    above: 'Events from July 20, 2019:',
    options: { zonelessOffset: { minutes: 120, source: 'test' } },
    format: 'icm_trace',
    instant: '2019-07-20T18:27:32.466Z',
    severity: 'info',
  },
  {
    line: '20:27:32:607 cglA-ctisvr Trace: ProcessARMMediaLoginRespMsg -- InvokeID = 591309094, Status = 0,',
    above: 'Events from 07/20/2019',
    options: { zonelessOffset: { minutes: 120, source: 'test' } },
    format: 'icm_trace',
    instant: '2019-07-20T18:27:32.607Z',
    severity: 'info',
  },
  {
    line: '15:34:09:841 cglA-ctisvr Trace: ProcessMakeAgentRoutableInd - sessionID 6',
    above: 'Events from August 19, 2019:',
    options: { zonelessOffset: { minutes: 120, source: 'test' } },
    format: 'icm_trace',
    instant: '2019-08-19T13:34:09.841Z',
    severity: 'info',
  },
  {
    line: '15:34:09:841 PG1A-opc Trace: MakeAgentRoutableInd - InvokeID = 80171, MRDID = 5000, ICMAgentID =',
    above: 'Events from August 19, 2019:',
    format: 'icm_trace',
    instant: '2019-08-19T15:34:09.841Z',
    severity: 'info',
    fields: { process: 'PG1A-opc', processName: 'opc' },
  },
  {
    line: '15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 MRDomainID=5000 SGSTID=6928',
    above: 'Events from 2019-08-19',
    format: 'icm_trace',
    instant: '2019-08-19T15:34:09.841Z',
    severity: 'info',
  },
  {
    line: 'rttest: agent_status /agent 6420',
    format: 'icm_tools',
    severity: 'info',
    fields: { tool: 'rttest', command: 'agent_status' },
  },
  { line: 'opctest /cust <inst> /node PG1A', format: 'icm_tools', severity: 'info', fields: { tool: 'opctest' } },
  {
    line: 'opctest: dump_agent 5000 15003',
    format: 'icm_tools',
    severity: 'info',
    fields: { tool: 'opctest', command: 'dump_agent' },
  },
  {
    line: 'C:\\icm\\pcc12\\ra\\logfiles>procmon <inst> PG1A piml',
    format: 'icm_tools',
    severity: 'info',
    fields: { tool: 'procmon', prompt: 'C:\\icm\\pcc12\\ra\\logfiles' },
  },
  { line: '>>>>dagent 15003', format: 'icm_tools', severity: 'info', fields: { command: 'dagent' } },
];

describe('seed lines', () => {
  for (const c of cases) {
    it(`${c.format}: ${c.line.slice(0, 70)}`, () => {
      const text = c.above ? `${c.above}\n${c.line}` : c.line;
      // The format is detected from the text alone, as for a file with a generic name.
      const record = firstRecord(text, undefined, { settingsYear: 2018, ...c.options });
      assert.equal(record.format.id, c.format);
      assert.equal(severityName(record.severity), c.severity);
      if (c.instant) assert.equal(iso(record), c.instant);
      for (const [name, value] of Object.entries(c.fields ?? {}))
        assert.equal(field(record, name), value, `field ${name}`);
    });
  }

  it('records an IST assumption the hover can show', () => {
    const record = firstRecord(
      '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: x',
      'uccx_engine',
      { settingsYear: 2018 },
    );
    assert.ok(
      record.time!.assumptions.some((a) => a.startsWith('time assumed IST = +05:30')),
      record.time!.assumptions.join('; '),
    );
    assert.ok(record.time!.assumptions.some((a) => a.includes('year 2018')));
    assert.equal(record.time!.offsetMinutes, 330);
  });

  it('takes the year of a year-less UCCX stamp from a GregorianCalendar dump in the same file', () => {
    const text = [
      '3723276: Aug 06 09:33:34.299 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[Smack Listener Processor (1)] RouteAndQueueSubsystemLogger: TRDR: ContactID=0D66B2241000016500235A740A4E5BA6, rating=4, ratingTime=java.util.GregorianCalendar[time=1533528214299,ERA=1,',
      'YEAR=2018,MONTH=7,WEEK_OF_YEAR=32,WEEK_OF_MONTH=2,DAY_OF_MONTH=6,DAY_OF_YEAR=218,DAY_OF_WEEK=2,',
    ].join('\n');
    const record = firstRecord(text, 'uccx_engine');
    assert.equal(iso(record), '2018-08-06T04:03:34.299Z');
    assert.ok(record.time!.assumptions.some((a) => a.includes('GregorianCalendar YEAR= field at line 2')));
    assert.equal(record.endLine, 1, 'the YEAR= line continues the record');
  });

  it('takes the year from an epoch time in the same file (the MADM contactXML publishedDate)', () => {
    const text = [
      '7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7] ServiceLogger: New incoming contact : <?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<contactXML>',
      '<publishedDate>1533528158684</publishedDate>',
    ].join('\n');
    const record = firstRecord(text, 'uccx_admin', { fileDate: new Date('2026-11-24T00:00:00Z') });
    assert.equal(iso(record), '2018-08-06T04:02:39.079Z');
    assert.ok(
      record.time!.assumptions.some((a) => a.includes('year 2018 taken from the epoch time publishedDate at line 3')),
      record.time!.assumptions.join('; '),
    );
  });

  it('uses the file date when nothing in the file gives a year', () => {
    const record = firstRecord(
      '7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]',
      'uccx_admin',
      { fileDate: new Date('2021-09-01T00:00:00Z') },
    );
    assert.equal(iso(record), '2021-08-06T04:01:21.235Z');
    assert.ok(record.time!.assumptions.some((a) => a.includes("file's modification date")));
  });

  it('honours a user zone override', () => {
    const record = firstRecord('7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[x]', 'uccx_admin', {
      settingsYear: 2018,
      zoneOverrides: { IST: '+01:00' },
    });
    assert.equal(iso(record), '2018-08-06T08:31:21.235Z');
    assert.ok(record.time!.assumptions.some((a) => a.includes('IST = +01:00 (from the setting ccLogs.timeZones)')));
  });

  it('says when a dumplog time has neither date nor zone', () => {
    const noDate = firstRecord('20:27:32:466 cglA-ctisvr Trace: ProcessMediaLoginReq - sessionID 4', 'icm_trace');
    assert.equal(noDate.time, undefined);
    const noZone = firstRecord('Events from July 20, 2019\n20:27:32:466 cglA-ctisvr Trace: x', 'icm_trace');
    assert.equal(iso(noZone), '2019-07-20T20:27:32.466Z');
    assert.ok(noZone.time!.assumptions.some((a) => a.includes('no time zone: assumed +00:00')));
    assert.ok(noZone.time!.assumptions.some((a) => a.includes('"Events from" header at line 1')));
  });
});
