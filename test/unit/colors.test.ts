import assert from 'node:assert/strict';
import fc from 'fast-check';
import { colorPresentations, colorText, findColors, parseHexColor } from '../../server/src/decode/colors';

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

/** Colours as the hex text they cover, with 0..255 channels, for readable expectations. */
function found(text: string): Array<{ text: string; rgb: [number, number, number]; alpha: number }> {
  return findColors(text).map((c) => ({
    text: text.slice(c.start, c.end),
    rgb: [Math.round(c.red * 255), Math.round(c.green * 255), Math.round(c.blue * 255)],
    alpha: c.alpha,
  }));
}

describe('colours in logs', () => {
  it('finds the five colours of the seed widget configuration at their offsets', () => {
    const colors = findColors(BUBBLE_CHAT_JSON);
    const expected: Array<[string, string]> = [
      ['"titleTextColor": "', '#0AB7D7'],
      ['"buttonTextColor": "', '#FFFFFF'],
      ['"buttonBackgroundColor": "', '#0AB7D7'],
      ['"agentMessageTextColor": "', '#FFFFFF'],
      ['"agentMessageBackgroundColor": "', '#0AC391'],
    ];
    assert.equal(colors.length, expected.length);
    expected.forEach(([key, hex], i) => {
      const start = BUBBLE_CHAT_JSON.indexOf(key) + key.length;
      assert.equal(colors[i]?.start, start, key);
      assert.equal(colors[i]?.end, start + 7, key);
      assert.equal(BUBBLE_CHAT_JSON.slice(start, start + 7), hex);
    });
  });

  it('gives the right components: #0AB7D7, #FFFFFF, #0AC391', () => {
    const [title, button, , , agentBackground] = findColors(BUBBLE_CHAT_JSON);
    assert.deepEqual(title && [title.red, title.green, title.blue, title.alpha], [10 / 255, 183 / 255, 215 / 255, 1]);
    assert.deepEqual(button && [button.red, button.green, button.blue, button.alpha], [1, 1, 1, 1]);
    assert.deepEqual(agentBackground && [agentBackground.red, agentBackground.green, agentBackground.blue], [10 / 255, 195 / 255, 145 / 255]);
  });

  it('reads #RGB and #RRGGBBAA', () => {
    assert.deepEqual(found('{"textColor": "#0af", "bg": "#0AB7D780"}'), [
      { text: '#0af', rgb: [0, 170, 255], alpha: 1 },
      { text: '#0AB7D780', rgb: [10, 183, 215], alpha: 128 / 255 },
    ]);
  });

  it('finds colours after colour-named keys outside JSON (Java toString, key: value)', () => {
    const record = 'BubbleStyle [titleTextColor=#0AB7D7, buttonBackgroundColor = #FFFFFF, background-colour: #0AC391, fontFace=Helvetica]';
    assert.deepEqual(found(record).map((c) => c.text), ['#0AB7D7', '#FFFFFF', '#0AC391']);
  });

  it('leaves alone hashes that are not colours', () => {
    const texts = [
      'MRDomainID=5000 SG#=70518(0x11376) periph# 15003',
      '"ticket": "#12345", "hash": "#0AB7D7Z", "color": "#0AB7D7F"',
      'sessionID #ABCDEF in text with no quotes or colour key',
      'C#233;dula',
      '"colour": "#12"',
    ];
    for (const text of texts) assert.deepEqual(found(text), [], text);
  });

  it('lists a colour found by both rules once', () => {
    assert.equal(findColors('"titleTextColor": "#0AB7D7"').length, 1);
  });

  it('caps the number of colours listed', () => {
    const many = '"#FFFFFF" '.repeat(20);
    assert.equal(findColors(many, 7).length, 7);
  });

  it('writes a picked colour back as #RRGGBB, with alpha only when not opaque', () => {
    assert.deepEqual(colorPresentations(parseHexColor('#0AB7D7')), ['#0AB7D7']);
    assert.deepEqual(colorPresentations({ red: 10 / 255, green: 195 / 255, blue: 145 / 255, alpha: 0.5 }), ['#0AC39180', '#0AC391']);
    assert.equal(colorText({ red: 1, green: 1, blue: 1, alpha: 1 }), '#FFFFFF');
    assert.equal(colorText({ red: 2, green: -1, blue: Number.NaN, alpha: 1 }), '#FF0000');
  });

  it('never throws and stays linear on random and hostile text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        for (const c of findColors(text)) {
          assert.ok(c.start >= 0 && c.end <= text.length && text[c.start] === '#');
          assert.ok([c.red, c.green, c.blue, c.alpha].every((v) => v >= 0 && v <= 1));
        }
      }),
      { numRuns: 300 },
    );
    const started = Date.now();
    findColors('color'.repeat(200_000) + '#');
    findColors(('backgroundColor' + '-'.repeat(60) + ': "#').repeat(20_000));
    findColors('"#'.repeat(300_000));
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});
