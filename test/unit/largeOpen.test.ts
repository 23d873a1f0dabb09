/**
 * Opening a large document: what its opening needs but its first requests do not (the index taking it,
 * its problems) waits until those requests are answered (`LogModels.whenQuiet`), and the index then takes
 * the document only if it is still open at the version opened.
 */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FormatRegistry, builtinFormatsDirectory } from '../../server/src/formats/registry';
import { LogModels } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function models(): LogModels {
  const registry = FormatRegistry.load([builtinFormatsDirectory()]);
  return new LogModels(
    () => registry,
    async () => DEFAULT_SETTINGS,
  );
}

describe('work deferred while requests are answered (whenQuiet)', () => {
  it('waits while a request is being answered and resolves once it was answered', async () => {
    const m = models();
    const doc = TextDocument.create('file:///logs/a.log', 'cisco-ece', 1, 'x\n');
    let finish!: () => void;
    const answered = m.answer(() => new Promise<void>((resolve) => (finish = resolve)));
    let quiet = false;
    const waiting = m.whenQuiet(10, 60_000).then(() => (quiet = true));
    await sleep(200);
    assert.equal(quiet, false, 'not while the request is being answered');
    await m.near(doc, 0); // another request, answered at once: still not quiet while the first one runs
    await sleep(50);
    assert.equal(quiet, false);
    finish();
    await answered;
    await waiting;
    assert.equal(quiet, true, 'once the requests were answered');
  });

  it('waits for requests sent right after the open, then gives up after its longest wait', async () => {
    const m = models();
    let quiet = false;
    const waiting = m.whenQuiet(100, 400).then(() => (quiet = true));
    // A request arriving just after the open (before the quiet time ran out) is waited for...
    await sleep(20);
    void m.answer(() => new Promise<void>(() => undefined)); // ...even one that never ends, until maxMs
    await sleep(150);
    assert.equal(quiet, false);
    await waiting;
    assert.equal(quiet, true);
  });
});
