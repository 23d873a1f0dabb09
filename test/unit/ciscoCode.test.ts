import * as assert from 'node:assert/strict';
import { describeCiscoCode, findCiscoCodes, parseCiscoCode } from '../../server/src/decode/ciscoCode';
import {
  CISCO_MNEMONICS,
  CISCO_SEVERITY_NAMES,
  facilityInfo,
  mnemonicInfo,
} from '../../server/src/decode/ciscoMnemonics';
import { ciscoCodeExplainer } from '../../server/src/explain/ciscoCode';
import type { ExplainContext } from '../../server/src/explain/types';
// Steps 6, 13 and 17 of the bubble chat document wrap the code over two lines of one record.
import {
  CHAT_FEEDBACK_RECEIVED as FEEDBACK,
  CHAT_ROOM_DETAILS,
  PRESENCE_EVENT_RECEIVED as PRESENCE,
} from './fixtures/seedRecords';
import { assertInert, plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

const ctx: ExplainContext = {
  uri: 'file:///logs/x.log',
  recordLine: 0,
  findLines: () => [],
  lineText: () => undefined,
};

function summary(text: string) {
  return findCiscoCodes(text).map((c) => [
    c.value.product,
    c.value.facility,
    c.value.severity,
    c.value.mnemonic,
    c.value.wrapped,
    c.problems,
  ]);
}

describe('Cisco message code decoder', () => {
  it('reads UCCX codes', () => {
    assert.deepEqual(
      summary('3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger:'),
      [['MIVR', 'SS_CHAT', 7, 'UNK', false, []]],
    );
    assert.deepEqual(summary('7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]'), [
      ['MADM', 'UCCX_WEBSERVICES', 7, 'UNK', false, []],
    ]);
    assert.deepEqual(summary('%MIVR-SS_ROUTEANDQUEUE-7-UNK:[Smack Listener Processor (1)]'), [
      ['MIVR', 'SS_ROUTEANDQUEUE', 7, 'UNK', false, []],
    ]);
  });

  it('reads SocialMiner codes and drops the underscore padding', () => {
    assert.deepEqual(
      summary('0000399687: 10.78.91.166: Aug 06 2018 09:32:38.764 +0530: %CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED:'),
      [['CCBU', 'FEEDS', 6, 'SOCIAL_CONTACT_CREATED', false, []]],
    );
    assert.deepEqual(summary('%CCBU___NOTIFICATION-6-NOTIFICATION_SUCCEEDED: %CCBU_____CCPAPI-6-REST_API_INFO:'), [
      ['CCBU', 'NOTIFICATION', 6, 'NOTIFICATION_SUCCEEDED', false, []],
      ['CCBU', 'CCPAPI', 6, 'REST_API_INFO', false, []],
    ]);
    assert.deepEqual(
      summary('0000001142: 10.78.91.166: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED:'),
      [['CCBU', 'CCPPUBLICAPPS', 6, 'CHAT_CREATED', false, []]],
    );
  });

  it('reads a mnemonic wrapped onto the next line, and one followed by " :"', () => {
    assert.deepEqual(summary(CHAT_ROOM_DETAILS), [['CCBU', 'CCPPUBLICAPPS', 6, 'CHAT_ROOM_DETAILS', true, []]]);
    assert.deepEqual(summary(PRESENCE), [['CCBU', 'CCPPUBLICAPPS', 6, 'PRESENCE_EVENT_RECEIVED', true, []]]);
    assert.deepEqual(summary(FEEDBACK), [['CCBU', 'CCPPUBLICAPPS', 6, 'CHAT_FEEDBACK_RECEIVED', false, []]]);
    const [code] = findCiscoCodes(CHAT_ROOM_DETAILS);
    assert.equal(
      CHAT_ROOM_DETAILS.slice(code.value.start, code.value.end),
      '%CCBU__CCPPUBLICAPPS-6-\nCHAT_ROOM_DETAILS',
    );
  });

  it('reports a code cut off before its mnemonic', () => {
    assert.deepEqual(summary('0000001136: ... +0530: %CCBU__CCPPUBLICAPPS-6-'), [
      [
        'CCBU',
        'CCPPUBLICAPPS',
        6,
        '',
        false,
        ["expected a mnemonic after '%CCBU__CCPPUBLICAPPS-6-', found end of text"],
      ],
    ]);
    assert.deepEqual(summary('%MIVR-SS_TEL-3-\nlower case text'), [
      ['MIVR', 'SS_TEL', 3, '', false, ["expected a mnemonic after '%MIVR-SS_TEL-3-', found 'lower case text'"]],
    ]);
  });

  it('reads the quoted code without product, only for known facilities', () => {
    const note = '"CCPUBLICAPPS-3-UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED" 코드 조각으로';
    assert.deepEqual(summary(note), [
      [undefined, 'CCPUBLICAPPS', 3, 'UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED', false, []],
    ]);
    assert.deepEqual(summary('FOO-3-BAR and SS_CHAT-9-X and Version 11-6-2'), []);
  });

  it('parseCiscoCode returns the first code of a text', () => {
    const parsed = parseCiscoCode('note CCPAPI-6-REST_API_INFO then %MIVR-SS_CM-5-X');
    assert.equal(parsed?.value.facility, 'CCPAPI');
    assert.equal(parseCiscoCode('%MIVR-SS_CM-5-X and CCPAPI-6-REST_API_INFO')?.value.product, 'MIVR');
    assert.equal(parseCiscoCode('no code here'), undefined);
  });

  it('names severities and looks up products, facilities and mnemonics', () => {
    assert.deepEqual(
      [...CISCO_SEVERITY_NAMES],
      ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'],
    );
    const m = describeCiscoCode(findCiscoCodes('%CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED:')[0].value);
    assert.equal(m.product?.name, 'SocialMiner');
    assert.equal(m.facility?.code, 'FEEDS');
    assert.deepEqual(m.mnemonic?.flow, { flow: 'bubbleChat', steps: [7] });
    assert.equal(facilityInfo('CCPUBLICAPPS')?.code, 'CCPPUBLICAPPS');
    assert.equal(mnemonicInfo('CHAT_CREATED', 'SS_CHAT'), undefined);
    assert.equal(mnemonicInfo('UNK', 'SS_CHAT')?.mnemonic, 'UNK');
    for (const name of [
      'SOCIAL_CONTACT_CREATED',
      'CHAT_ROOM_DETAILS',
      'CHAT_CREATED',
      'PUBLICAPPS_SESSION_CREATED',
      'PRESENCE_EVENT_RECEIVED',
      'TYPING_STATUS_RECEIVED',
      'LEAVE_CHAT_ROOM',
      'CHAT_FEEDBACK_RECEIVED',
      'NOTIFICATION_SUCCEEDED',
      'REST_API_INFO',
      'CREATE_SOCIAL_CONTACT',
      'UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED',
      'UNK',
    ]) {
      assert.ok(
        CISCO_MNEMONICS.some((x) => x.mnemonic === name),
        name,
      );
    }
  });
});

describe('Cisco message code explainer', () => {
  it('keeps log text inert in the hover', () => {
    const [m] = ciscoCodeExplainer.find('%MIVR-SS_TEL-3-\n<img src=x>[a](command:b)', ctx);
    const md = m.render(ctx);
    assertInert(md);
    assert.match(plain(md), /expected a mnemonic after '%MIVR-SS_TEL-3-', found '<img src=x>\[a\]/);
  });

  it('renders product, facility, severity, mnemonic and flow step', () => {
    const text = plain(ciscoCodeExplainer.find(CHAT_ROOM_DETAILS, ctx)[0].render(ctx));
    assert.match(text, /^\*\*Cisco message code\*\* `%CCBU__CCPPUBLICAPPS-6- CHAT_ROOM_DETAILS`/);
    assert.match(text, /\| Product \| `CCBU` \| SocialMiner: /);
    assert.match(
      text,
      /\| Facility \| `CCPPUBLICAPPS` \| SocialMiner public apps \(ccppublicapps\): the chat and callback proxy/,
    );
    assert.match(text, /\| Severity \| `6` \| INFORMATIONAL \|/);
    assert.match(
      text,
      /\| Mnemonic \| `CHAT_ROOM_DETAILS` \| The incoming chat request: .* \(written on the next line\) \|/,
    );
    assert.match(
      text,
      /- Bubble chat \(UCCX and SocialMiner 11\.6\(2\)\), step 6 of 19: SocialMiner ccppublicapps: incoming chat request, chat room created/,
    );
  });

  it('says what the data store failure means', () => {
    const text = plain(
      ciscoCodeExplainer
        .find('%CCBU__CCPPUBLICAPPS-3-UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED: x', ctx)[0]
        .render(ctx),
    );
    assert.match(text, /\| Severity \| `3` \| ERROR \|/);
    assert.match(text, /SocialMiner data store is down/);
    assert.match(text, /\*\*What it means\*\* The rating is lost/);
  });

  it('renders UCCX debug codes and unknown parts', () => {
    const text = plain(ciscoCodeExplainer.find('%MIVR-SS_CHAT-7-UNK:[pool-8-thread-15]', ctx)[0].render(ctx));
    assert.match(text, /\| Product \| `MIVR` \| UCCX Engine: /);
    assert.match(text, /\| Mnemonic \| `UNK` \| No mnemonic assigned/);
    const unknown = plain(ciscoCodeExplainer.find('%ZZZ-QQ_X-4-NEW_THING:', ctx)[0].render(ctx));
    assert.match(unknown, /\| Facility \| `QQ_X` \| not in the table \|/);
    assert.match(unknown, /\| Severity \| `4` \| WARNING \|/);
  });

  it('explains UNK by the severity beside it: a debug trace at 7, an error at 3, a warning at 4', () => {
    const mnemonicRow = (code: string) =>
      plain(ciscoCodeExplainer.find(code, ctx)[0].render(ctx))
        .split('\n')
        .find((l) => l.startsWith('| Mnemonic'))!;
    const error = mnemonicRow('%MIVR-SS_TEL-3-UNK:CallID:1182 MediaId:16801311/1 Task:43000101181, Call aborted');
    assert.match(error, /an error/);
    assert.doesNotMatch(error, /debug/);
    const warning = mnemonicRow('%MIVR-ENG-4-UNK:[pool-1-thread-3] Engine: slow step');
    assert.match(warning, /a warning/);
    assert.doesNotMatch(warning, /debug/);
    assert.match(mnemonicRow('%MIVR-SS_CHAT-7-UNK:[pool-8-thread-15]'), /debug trace/);
  });

  it('never throws on random input and keeps spans inside the text', () => {
    assertTotalOnRandomText(
      ciscoCodeExplainer,
      ['%', 'MIVR', 'CCBU', '_', '__', '-', '6', '7', 'SS_CHAT', 'CCPAPI', 'UNK', '\n', ' ', ':', 'X'],
      ctx,
      (text) => {
        parseCiscoCode(text);
      },
    );
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    for (const input of [
      '%MIVR-'.repeat(mb / 6),
      '%CCBU' + '_'.repeat(mb),
      '%MIVR-SS_CHAT-7-UNK:'.repeat(mb / 20),
      'CCPAPI-6-'.repeat(mb / 9),
      'A'.repeat(mb),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
    ]) {
      exerciseOnHugeInput(ciscoCodeExplainer, input, ctx);
    }
  });
});
