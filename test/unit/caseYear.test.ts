/**
 * The year of a log that prints none and says none anywhere (the Cisco JTAPI client log), taken from
 * the other files of its case: the days their dated stamps print. On a fresh checkout git gives every
 * file today's date, so the file date would put the JTAPI lines of flow C years away from the CUCM,
 * MIVR and Finesse lines of the same call.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../../server/src/cli/main';
import { builtinRegistry } from '../../server/src/formats/registry';
import { caseDaysOf, caseDaysOfFolder, caseYearOf, datedDaysOf, yearlessDaysOf } from '../../server/src/model/caseYear';
import { LogModel } from '../../server/src/model/logModel';
import { LogModels } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';

const SAMPLES = path.resolve(__dirname, '../../samples');
const JTAPI = fs.readFileSync(path.join(SAMPLES, 'jtapi', 'CiscoJtapi1.log'), 'utf8');

/** samples/ as a fresh clone has it: every file dated now. */
function freshClone(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-'));
  fs.cpSync(SAMPLES, dir, { recursive: true });
  const now = new Date();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else fs.utimesSync(full, now, now);
    }
  };
  walk(dir);
  return dir;
}

describe('case year: the days of a case and their years', () => {
  it('reads the days dated files print, in each form the bundle has', () => {
    const text = [
      '00412000.000 |10:14:58.102 |FileHead |UTC:+02:00,Date: 2019/08/21, AppName: CCM',
      '5211: 10.20.30.61: Aug 21 2019 11:02:14.106 +0200: %CVP_11_6_SIP-7-CALL: ...',
      'Events from August 19, 2019:',
      '10.20.30.62.1566378134480.17,08/22/2019 11:02:14.480,,start,newcall,',
      '4410238: Aug 23 10:15:02.331 CEST %MIVR-ENG-7-UNK:Contact id 184 associated with Session[id=0x6e000000b8,time=1566375302331]',
      '2018-08-06T09:32:05.418+05:30',
    ].join('\n');
    assert.deepEqual(Object.fromEntries(datedDaysOf(text)), {
      '08-21': 2019,
      '08-19': 2019,
      '08-22': 2019,
      '08-06': 2018,
    });
    assert.deepEqual(yearlessDaysOf(text), ['08-23']);
  });

  it('gives a day the year most files give it, and says where it was seen', () => {
    const days = caseDaysOf([
      { name: 'cucm/SDL001.txt', text: 'Date: 2019/08/21' },
      { name: 'cvp/CVP.log', text: 'Aug 21 2019 11:02:14.106 +0200' },
      { name: 'old/MIVR.log', text: 'Aug 21 2018 09:00:00.000 +0200' },
    ]);
    assert.equal(days['08-21'].year, 2019);
    assert.equal(
      days['08-21'].source,
      'the dated lines of Aug 21 2019 in cucm/SDL001.txt and 1 other file of the case',
    );
    assert.equal(caseYearOf('48113: Aug 21 10:15:02.310 CEST %JTAPI-PROTOCOL-7-UNK: x', days)?.year, 2019);
    assert.equal(caseYearOf('48113: Sep 30 10:15:02.310 CEST x', days), undefined);
  });

  it('never throws on any text, and finds no year where no dated day matches', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }), (a, b) => {
        const days = caseDaysOf([{ name: 'a', text: a }]);
        const y = caseYearOf(b, days);
        assert.ok(y === undefined || (y.year >= 1990 && y.year <= 2100));
      }),
    );
  });

  it("dates the sample JTAPI log by its case's Aug 21, not by the file's date", async () => {
    const dir = freshClone();
    try {
      const days = await caseDaysOfFolder(dir);
      assert.equal(days['08-21'].year, 2019);
      assert.match(days['08-21'].source, /^the dated lines of Aug 21 2019 in \S+ and \d+ other files of the case$/);
      const registry = builtinRegistry();
      const model = LogModel.build(JTAPI, { registry, fileDate: new Date(), caseDays: days });
      assert.equal(new Date(model.instantOf(0)).toISOString(), '2019-08-21T08:15:02.310Z');
      assert.equal(model.timeContext.inferredYear?.source, days['08-21'].source);
      // Without its case, a fresh checkout's file date is all there is.
      const alone = LogModel.build(JTAPI, { registry, fileDate: new Date() });
      assert.equal(new Date(alone.instantOf(0)).getUTCFullYear(), new Date().getUTCFullYear());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("dates an open JTAPI document of a fresh clone by its case too (the editor's hovers)", async () => {
    const dir = freshClone();
    try {
      const days = await caseDaysOfFolder(dir);
      const uri = pathToFileURL(path.join(dir, 'jtapi', 'CiscoJtapi1.log')).href;
      const registry = builtinRegistry();
      const models = new LogModels(
        () => registry,
        async () => DEFAULT_SETTINGS,
        (u) => (u === uri ? days : undefined),
      );
      const model = await models.get(TextDocument.create(uri, 'cisco-jtapi', 1, JTAPI));
      assert.equal(new Date(model.instantOf(0)).toISOString(), '2019-08-21T08:15:02.310Z');
      const alone = await new LogModels(
        () => registry,
        async () => DEFAULT_SETTINGS,
      ).get(TextDocument.create(uri, 'cisco-jtapi', 1, JTAPI));
      assert.equal(new Date(alone.instantOf(0)).getUTCFullYear(), new Date().getUTCFullYear());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cclogs timeline 2238411 on a fresh clone puts JTAPI in 2019 next to CUCM, MIVR and Finesse', async function () {
    this.timeout(60_000);
    const dir = freshClone();
    try {
      let out = '';
      let err = '';
      const code = await main(['timeline', '2238411', dir], { out: (t) => (out += t), err: (t) => (err += t) });
      assert.equal(code, 0, err);
      const jtapi = out.split('\n').filter((l) => l.startsWith('JTAPI client'));
      assert.equal(jtapi.length, 6);
      for (const row of jtapi) assert.match(row, /^JTAPI client P1-10\.20\.30\.11\s+2019-08-21 08:1[56]:/);
      const rows = out.split('\n').filter((l) => / 20\d\d-\d\d-\d\d /.test(l));
      assert.ok(
        rows.every((r) => r.includes(' 2019-08-21 ')),
        rows.join('\n'),
      );
      const lanes = rows.map((r) => r.slice(0, r.indexOf(' 2019-08-21')).trim());
      assert.ok(lanes.indexOf('CUCM CallManager') < lanes.indexOf('JTAPI client P1-10.20.30.11'));
      assert.ok(lanes.indexOf('JTAPI client P1-10.20.30.11') < lanes.indexOf('UCCX MIVR'));
      assert.ok(lanes.includes('Finesse desktop mweber'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
