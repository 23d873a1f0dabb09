/**
 * The format registry checks itself like `lnav -C`: the built-in formats pass, and each broken
 * format in test/bad-formats/ fails with the expected message at the expected JSON path.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFormats } from '../../server/src/model/formatCheck';
import { leadingLiteral } from '../../server/src/formats/compile';
import { builtinFormatsDirectory, builtinRegistry, FormatRegistry } from '../../server/src/formats/registry';
import { languageContributions } from '../../scripts/sync-manifest';

const root = path.join(__dirname, '..', '..');

describe('format registry', () => {
  it('loads every built-in format without problems', () => {
    const registry = builtinRegistry();
    assert.deepEqual(registry.formats.map((f) => f.id).sort(), [
      'chat_console',
      'ece',
      'icm_tools',
      'icm_trace',
      'jtapi',
      'socialminer',
      'uccx_admin',
      'uccx_engine',
    ]);
    const problems = checkFormats(registry);
    assert.deepEqual(
      problems.map((p) => `${p.level} ${p.formatId} ${p.path}: ${p.message}`),
      [],
    );
  });

  it('gives each log family its own language', () => {
    const ids = builtinRegistry().formats.map((f) => f.def.languageId);
    assert.equal(new Set(ids).size, ids.length);
  });

  const badRoot = path.join(root, 'test', 'bad-formats');
  for (const kind of fs.readdirSync(badRoot)) {
    it(`reports a broken format: ${kind}`, () => {
      const registry = FormatRegistry.load([path.join(badRoot, kind)]);
      const text = checkFormats(registry)
        .map((p) => `${p.path}: ${p.message}`)
        .join('\n');
      const expected = JSON.parse(fs.readFileSync(path.join(badRoot, kind, 'expected.json'), 'utf8')) as string[];
      for (const piece of expected) assert.ok(text.includes(piece), `expected "${piece}" in:\n${text}`);
    });
  }

  it('lets a user format replace a built-in one with the same id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fmt-'));
    const def = JSON.parse(fs.readFileSync(path.join(builtinFormatsDirectory(), 'icm_tools.json'), 'utf8'));
    def.title = 'My tools';
    fs.writeFileSync(path.join(dir, 'mine.json'), JSON.stringify(def));
    const registry = FormatRegistry.load([builtinFormatsDirectory(), dir]);
    assert.equal(registry.byId('icm_tools')?.def.title, 'My tools');
    assert.equal(registry.formats.filter((f) => f.id === 'icm_tools').length, 1);
  });

  it('keeps package.json languages in step with the formats', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.languages, languageContributions());
  });

  it('check-formats exits non-zero on a broken format directory', () => {
    assert.throws(() =>
      execFileSync(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'scripts', 'check-formats.ts'), path.join(badRoot, 'invalid-regex')],
        { stdio: 'pipe' },
      ),
    );
  });
});

describe('format registry: header anchors', () => {
  it('takes the literal a header pattern begins with, or none when no beginning is certain', () => {
    assert.equal(leadingLiteral('Events from (?:[A-Z][a-z]{2,8},? )?(?<month>[A-Z][a-z]{2,8})'), 'Events from ');
    assert.equal(leadingLiteral('^abc?d'), 'ab');
    assert.equal(leadingLiteral('abc+'), 'abc');
    assert.equal(leadingLiteral('Events|Other'), undefined);
    assert.equal(leadingLiteral('(?:a|b)cd'), undefined);
    assert.equal(leadingLiteral('[A-Z]vents'), undefined);
  });

  it('gives the dumplog formats the anchor of their date headers, and the others none to need', () => {
    const registry = builtinRegistry();
    assert.deepEqual([...new Set(registry.byId('icm_trace')!.headerAnchors)], ['Events from ']);
    for (const f of registry.formats) if (f.headers.length === 0) assert.deepEqual(f.headerAnchors, []);
  });
});
