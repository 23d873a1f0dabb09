/**
 * The editor recipes of docs/editors/ know every language of package.json: their generated file-type
 * tables are what `npm run sync:editors` writes, with VS Code's precedence of file-name patterns.
 * (scripts/editors-test.mjs runs the recipes in Neovim and Emacs.)
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import {
  manifestLanguages,
  orderedFileNames,
  outOfDate,
  recipes,
  toEmacsRegex,
  toVimRegex,
} from '../../scripts/sync-editors';

const ROOT = path.resolve(__dirname, '..', '..');

describe('editor recipes (docs/editors/)', () => {
  const languages = manifestLanguages();

  it('are in sync with package.json languages (npm run sync:editors)', () => {
    assert.deepEqual(outOfDate(false), [], 'out of date: run npm run sync:editors');
  });

  it('name every language of package.json', () => {
    for (const r of recipes) {
      const text = fs.readFileSync(path.join(ROOT, r.file), 'utf8');
      for (const l of languages) {
        if (r.file.endsWith('.sublime-syntax') && !l.firstLine) continue; // Sublime: first lines only
        assert.ok(text.includes(l.id), `${r.file} lacks ${l.id}`);
      }
    }
  });

  it("order file names as VS Code does: the longest matching pattern wins, package.json's first on a tie", () => {
    const ordered = orderedFileNames(languages);
    const all = languages.flatMap((l) => (l.filenamePatterns ?? []).map((glob) => ({ glob, id: l.id })));
    for (const { glob } of all) {
      const file = `/logs/${glob.replace(/^\*\*\//, '').replace(/\*/g, 'x1')}`;
      let best: { glob: string; id: string } | undefined;
      for (const e of all)
        if (picomatch(e.glob, { dot: true })(file) && (!best || e.glob.length > best.glob.length)) best = e;
      const first = ordered.find((e) => picomatch(e.glob, { dot: true })(file));
      assert.equal(first?.id, best?.id, `${file}: ${first?.glob} before ${best?.glob}`);
    }
    const cvp = ordered.find((e) => picomatch(e.glob)('/x/CVP.x1.log'));
    assert.equal(cvp?.id, 'cisco-cvp');
    const rtr = ordered.find((e) => picomatch(e.glob)('/x/pg1a-rtr.txt'));
    assert.equal(rtr?.id, 'cisco-icm-router');
  });

  it('translate first-line regexes for Vim and Emacs', () => {
    assert.equal(toVimRegex('^(?:ab|\\d{2}:)[\\w.\\-]\\b'), '\\v^%(ab|\\d{2}:)[0-9A-Za-z_.\\-]%(<|>)');
    assert.equal(toVimRegex('^%(?!MADM-)[A-Z]'), '\\v^\\%%(MADM-)@![A-Z]');
    assert.equal(toEmacsRegex('^(?:ab|\\d{2}:)[\\w.\\-]\\b'), '\\(?:ab\\|[0-9]\\{2\\}:\\)[0-9A-Za-z_.-]\\b');
    for (const l of languages) if (l.firstLine) assert.doesNotThrow(() => toVimRegex(l.firstLine as string));
  });
});
