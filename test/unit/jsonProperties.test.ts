import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJson, findJsonSpans } from '../../server/src/decode/json';
import { jsonExplainer } from '../../server/src/explain/json';
import type { ExplainContext } from '../../server/src/explain/types';

const BUBBLE_CHAT_JSON =
  '{ "feedId": "100000", "postChatRatingEnabled": true, ' +
  '"messages": { "agentJoinTimeoutMsg": "All our customer care representatives are busy. You may wait or try again later.", ' +
  '"transcriptPopupPositiveMsg": "Yes", ' +
  '"transcriptPopupMsg": "Chat has ended. Do you want to download the chat transcript?", ' +
  '"transcriptPopupNegativeMsg": "No", ' +
  '"connectivityErrorMsg": "Chat disconnected due to inactivity timeout or connection failure.", ' +
  '"agentLeftMsg": "${agent_alias} has left the chat", "ratingButtonText": "Submit", ' +
  '"offHourMessage": "Sorry, we are not available at the moment.", ' +
  '"textForTypingMsg": "Type your message and press Enter", ' +
  '"agentJoinedMsg": "${agent_alias} has joined", ' +
  '"closeChatPopupMsg": "Do you want to close the chat?", "closeChatPopupNegativeMsg": "No", ' +
  '"ratingLabel": "Rate your chat experience", ' +
  '"chatErrorMsg": "Chat service is currently unavailable. Try later.", ' +
  '"closeChatPopupPositiveMsg": "Yes", ' +
  '"welcomeMessage": "Thank you for contacting us. A customer care representative would assist you soon." }, ' +
  '"contextServiceFieldSets": "", "chatForm": { "bubbleStyle": { "titleText": "CCBU Care Startup", ' +
  '"titleTextColor": "#0AB7D7", "buttonText": "Start Chat", "buttonTextColor": "#FFFFFF", ' +
  '"buttonBackgroundColor": "#0AB7D7", "problemStmntCaption": "Choose a problem statement", ' +
  '"afterResumeNewChatMsg": "New Message", "agentMessageTextColor": "#FFFFFF", ' +
  '"agentMessageBackgroundColor": "#0AC391", "fontFace": "Helvetica" }, "formFields": [ "Title", ' +
  '"Name", "Details", "Email", "PhoneNumber", "AddressLine1", "AddressLine2", ' +
  '"Anything important to note", "Tel\\u00e9fono", "C\\u00e9dula" ], ' +
  '"problemStatements": { "caption": "Choose a problem statement", ' +
  '"statements": [ { "statement": "Insuarance", "csqTag": "Chat_Csq1" }, { "statement": "Debit", ' +
  '"csqTag": "Chat_Csq1" }, { "statement": "Credit", ' +
  '"csqTag": "Chat_Csq1" }, { "statement": "Account", "csqTag": "Chat_Csq1" } ] } }, ' +
  '"proactiveChat": false, "name": "Bubble1162", "id": 1 }';

const ECE_INITIALIZE_JSON = [
  '{',
  '  "checkEligibility": {',
  '    "responseType": 0',
  '  },',
  '  "maskingPatterns": {',
  '    "maskingPattern": []',
  '  },',
  '  "isVideoChatLicensed": false,',
  '  "isVideoChatEnabled": false,',
  '  "videoChatMaxEscalation": 5,',
  '  "isDirectAudioChatEnabled": true,',
  '  "isChatAttachmentEnabled": false,',
  '  "maxChatAttachmentSize": 3,',
  '  "isBlackListType": false,',
  '  "isOffRecordEnabled": false,',
  '  "htmlTagMatcherRegex": "((?:[\\\\r\\\\n\\\\n]*(<[>]*>)*[\\\\r\\\\n\\\\n]*)*",',
  '  "htmlTagMatcherIncr": 1,',
  '  "isOneTagOff": true',
  '}'
].join('\n');

const CONTEXT: ExplainContext = { uri: 'file:///logs/x.log', recordLine: 3, findLines: () => [] };

/** Every span, decoded and rendered: none of it may throw, and spans stay inside the record in order. */
function exercise(record: string): void {
  const spans = findJsonSpans(record);
  let previousEnd = 0;
  for (const span of spans) {
    assert.ok(span.start >= previousEnd && span.end <= record.length && span.start < span.end);
    previousEnd = span.end;
    const { value, problems } = decodeJson(record, span.start, span.end);
    assert.equal(value.parsed.complete, problems.length === 0);
    if (value.parsed.stop) {
      assert.ok(value.parsed.stop.offset >= span.start && value.parsed.stop.offset <= span.end);
    }
  }
  for (const match of jsonExplainer.find(record, CONTEXT)) assert.equal(typeof match.render(CONTEXT), 'string');
}

/** Pieces of JSON and of log text, so random records are often nearly JSON. */
const JSONISH = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '\n', '\\', '\\u00e9', 'true', '1', '-0.5e3', '"feedId"', '"chatForm"', '"messages"', '"checkEligibility"', '"responseType"', 'Response: ', '#0AB7D7', '//', '/*');

describe('JSON decoding never throws and always ends (property tests)', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), exercise), { numRuns: 300 });
  });

  it('random text made of JSON pieces', () => {
    fc.assert(fc.property(fc.array(JSONISH, { maxLength: 200 }).map((parts) => parts.join('')), exercise), { numRuns: 500 });
  });

  it('the seed widget configuration cut at any point, after any prefix', () => {
    const record = 'GET https://sm-fcdn/ccp/bubblechat?wid=1[HTTP/1.1 200 OK 289ms]\nResponse:\n' + BUBBLE_CHAT_JSON;
    fc.assert(
      fc.property(fc.nat({ max: record.length }), (cut) => {
        const text = record.slice(0, cut);
        exercise(text);
        const start = text.indexOf('{');
        if (start >= 0 && cut < record.length) {
          const { value } = decodeJson(text, start);
          assert.equal(value.parsed.complete, false, 'a cut-off text is never complete');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the seed initialize response cut at any point or with a character changed', () => {
    fc.assert(
      fc.property(fc.nat({ max: ECE_INITIALIZE_JSON.length }), fc.string({ unit: 'binary', maxLength: 2 }), (at, replacement) => {
        exercise(ECE_INITIALIZE_JSON.slice(0, at));
        exercise(ECE_INITIALIZE_JSON.slice(0, at) + replacement + ECE_INITIALIZE_JSON.slice(at + 1));
      }),
      { numRuns: 400 },
    );
  });

  it('hostile shapes finish quickly: deep nesting, unclosed strings, many brackets', () => {
    const started = Date.now();
    for (const record of [
      '{"a":'.repeat(50_000),
      '['.repeat(200_000),
      '["'.repeat(100_000),
      '{"' + '\\'.repeat(100_000),
      ('{"a": "' + 'x'.repeat(1000) + '\n').repeat(200),
    ]) {
      exercise(record);
    }
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
