import assert from 'node:assert/strict';
import fc from 'fast-check';
import { colorPresentations, colorText, findColors, parseHexColor } from '../../server/src/decode/colors';
import { BUBBLE_CHAT_JSON } from './fixtures/seedRecords';

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
    assert.deepEqual(agentBackground && [agentBackground.red, agentBackground.green, agentBackground.blue], [
      10 / 255,
      195 / 255,
      145 / 255,
    ]);
  });

  it('reads #RGB and #RRGGBBAA', () => {
    assert.deepEqual(found('{"textColor": "#0af", "bg": "#0AB7D780"}'), [
      { text: '#0af', rgb: [0, 170, 255], alpha: 1 },
      { text: '#0AB7D780', rgb: [10, 183, 215], alpha: 128 / 255 },
    ]);
  });

  it('finds colours after colour-named keys outside JSON (Java toString, key: value)', () => {
    const record =
      'BubbleStyle [titleTextColor=#0AB7D7, buttonBackgroundColor = #FFFFFF, background-colour: #0AC391, fontFace=Helvetica]';
    assert.deepEqual(
      found(record).map((c) => c.text),
      ['#0AB7D7', '#FFFFFF', '#0AC391'],
    );
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
    assert.deepEqual(colorPresentations({ red: 10 / 255, green: 195 / 255, blue: 145 / 255, alpha: 0.5 }), [
      '#0AC39180',
      '#0AC391',
    ]);
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
    findColors('color'.repeat(200_000) + '#');
    findColors(('backgroundColor' + '-'.repeat(60) + ': "#').repeat(20_000));
    findColors('"#'.repeat(300_000));
  });
});
