/**
 * A log is foreign input: whatever a line carries (Markdown links, images, HTML, `command:` URIs),
 * every hover renders it as inert text. The only live links are the project's own reveal command.
 */
import * as assert from 'node:assert/strict';
import { EXPLAINERS } from '../../server/src/explain';
import { hoverAt } from '../../server/src/lsp/hover';
import { modelOf } from './helpers/model';

const EVIL =
  '[click](command:workbench.action.terminal.new) ![img](https://evil.example/x.png) <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> `code` **bold** www.evil.example mailto:a@evil.example';

const RECORDS: Array<[string, string]> = [
  [
    'uccx_engine',
    `3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[${EVIL}] ChatSubsystemLogger: ContactNotification [requestId=${EVIL}, contactId=0D66B2241000016500235A740A4E5BA6, startTime=1533528159105, note=${EVIL}]`,
  ],
  [
    'uccx_admin',
    `7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[x] ServiceLogger: New incoming contact : <?xml version="1.0"?>\n<contactXML>\n<author>${EVIL.replace(/</g, '&lt;')}</author>\n<extensionFields><extensionField><name>${EVIL.replace(/[<&]/g, '')}</name><value>v</value></extensionField></extensionFields>\n</contactXML>`,
  ],
  [
    'chat_console',
    `Mon Aug 06 2018 09:32:48 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Response: { "feedId": "1", "name": ${JSON.stringify(EVIL)}, "id": 1, "chatForm": { "bubbleStyle": { "titleTextColor": "#0AB7D7" }, "problemStatements": { "statements": [ { "statement": ${JSON.stringify(EVIL)}, "csqTag": "Q" } ] } } }`,
  ],
  [
    'ece',
    `2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [${EVIL}] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0 1 107 5 91 40 60 62 0 ${EVIL} <@>`,
  ],
  [
    'icm_trace',
    `15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=${EVIL} OldState=${EVIL} NewState=AS_NOT_ACTIVE`,
  ],
  [
    'socialminer',
    `0000001136: 10.78.91.166: Aug 06 2018 09:32:38.692 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_ROOM_DETAILS: %[Nickname=${EVIL}][RoomJid=socialminer_chat.16@conference.127.0.0.1]: ${EVIL} https://sm/ccp/bubblechat?wid=${encodeURIComponent(EVIL)}`,
  ],
];

/** The Markdown with code spans and code blocks removed: what remains is what Markdown interprets. */
function interpreted(markdown: string): string {
  return markdown.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('hover safety', () => {
  for (const [formatId, text] of RECORDS) {
    it(`renders foreign text inert in every hover of a ${formatId} record`, () => {
      const model = modelOf(text, formatId, { settingsYear: 2018 });
      assert.ok(model.recordCount >= 1);
      let hovers = 0;
      for (let line = 0; line < model.lines.count; line++) {
        const length = model.lines.lineText(line).length;
        for (let character = 0; character <= length; character += 3) {
          const hover = hoverAt('file:///tmp/x.log', model, { line, character }, EXPLAINERS);
          if (!hover) continue;
          hovers++;
          const md = interpreted((hover.contents as { value: string }).value);
          for (const link of md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
            assert.match(link[1], /^command:ccLogs\.revealLine\?%5B%7B/, `only reveal links: ${link[0]}`);
          }
          assert.doesNotMatch(md, /(?<!\\)!\[/, 'no image');
          assert.doesNotMatch(md, /<(?:img|a|script|span|div)\b/i, 'no HTML');
          assert.doesNotMatch(
            md,
            /(?<![\\\w])(?:https?|javascript|command|mailto):(?!ccLogs\.revealLine\?)/,
            'no live URI',
          );
          assert.doesNotMatch(md, /(?<!\\)www\.evil/, 'no autolink');
        }
      }
      assert.ok(hovers > 0, 'the record had hovers');
    });
  }
});
