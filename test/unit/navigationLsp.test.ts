/**
 * The navigation features over a real LSP connection (in this process, over streams): the handlers,
 * the work-done progress of indexing and its cancellation, file watching and the status item.
 * The server side is the real one (`startServer`), over in-process streams.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REBUILD_INDEX_COMMAND, SHOW_RELATED_LINES_COMMAND } from '../../protocol/commands';
import { IndexStatsRequest } from '../../protocol/indexStats';
import { startServer, type ServerHandle } from '../../server/src/lsp/serverMain';
import { positionOf, samplePath, SAMPLES, tempFolder } from './fixtures/index/helpers';

interface Harness {
  client: ProtocolConnection;
  server: Connection;
  nav: ServerHandle['session'];
  notifications: Array<{ method: string; params: unknown }>;
  progress: Array<{
    token: unknown;
    value: { kind: string; message?: string; percentage?: number; cancellable?: boolean };
  }>;
  registrations: unknown[];
  close(): Promise<void>;
}

async function start(folder: string, indexSettings: Record<string, unknown> = {}): Promise<Harness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));

  // Server side: the real server on this connection.
  const running = startServer(server);
  const nav = running.session;

  const notifications: Harness['notifications'] = [];
  const progress: Harness['progress'] = [];
  const registrations: unknown[] = [];
  client.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
    p.items.map((i) => (i.section === 'ccLogs.index' ? indexSettings : {})),
  );
  client.onRequest(
    'client/registerCapability',
    (p: { registrations: unknown[] }) => void registrations.push(...p.registrations),
  );
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/codeLens/refresh', () => null);
  client.onNotification('$/progress', (p: Harness['progress'][number]) => void progress.push(p));
  for (const method of ['ccLogs/status', 'window/showMessage', 'window/logMessage'])
    client.onNotification(method, (params: unknown) => void notifications.push({ method, params }));
  client.listen();
  const init = (await client.sendRequest('initialize', {
    // No process id: the server would otherwise watch this process with a timer that keeps it alive.
    processId: null,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'logs' }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        codeLens: { refreshSupport: true },
      },
      window: { workDoneProgress: true },
    },
  })) as { capabilities: Record<string, unknown> };
  assert.equal(init.capabilities.referencesProvider, true);
  assert.equal(init.capabilities.definitionProvider, true);
  await client.sendNotification('initialized', {});
  return {
    client,
    server,
    nav,
    notifications,
    progress,
    registrations,
    async close() {
      await running.dispose();
      client.dispose();
      server.dispose();
    },
  };
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function openDoc(h: Harness, file: string, languageId = 'plaintext'): Promise<TextDocument> {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  await h.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return TextDocument.create(uri, languageId, 1, text);
}

describe('navigation right after start-up', function () {
  this.timeout(60_000);

  it('waits for the workspace to be listed instead of answering from the open document alone', async () => {
    const h = await start(SAMPLES);
    try {
      // Asked at once: the walk of the folders has not listed the files yet.
      const doc = await openDoc(h, samplePath('uccx/Cisco001MIVR045.log'), 'cisco-uccx-engine');
      const position = positionOf(doc, '4B1E93C7100001650D5B1A000A301647', 3);
      const refs = (await h.client.sendRequest('textDocument/references', {
        textDocument: { uri: doc.uri },
        position,
        context: { includeDeclaration: true },
      })) as Array<{ uri: string }>;
      const files = new Set(refs.map((r) => path.basename(decodeURIComponent(r.uri))));
      assert.ok(
        files.has('Cisco001MADM012.log') && files.has('CCBU-runtime.2018-08-06T09-20-05.344.startup.log'),
        [...files].join(', '),
      );
    } finally {
      await h.close();
    }
  });
});

describe('navigation over LSP', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await start(SAMPLES);
    await until(() => h.progress.some((p) => p.value.kind === 'end'), 'the end of indexing');
  });
  after(async () => h.close());

  it('reports indexing as cancellable work-done progress, then the status', () => {
    const kinds = h.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(h.progress[0].value.cancellable, true);
    assert.equal(kinds[kinds.length - 1], 'end');
    const status = h.notifications
      .filter((n) => n.method === 'ccLogs/status')
      .map((n) => n.params as { text: string; detail?: string });
    assert.ok(
      status.some((s) => /Log index: 10 files/.test(s.text)),
      JSON.stringify(status),
    );
    assert.ok(h.registrations.some((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles'));
  });

  it('gives the index figures through ccLogs/indexStats, the same as the status item says', async () => {
    const stats = (await h.client.sendRequest(IndexStatsRequest.method, {})) as IndexStatsRequest.Result;
    const own = h.nav.index.stats();
    assert.equal(stats.running, false);
    assert.equal(stats.files, 10);
    assert.equal(stats.indexedFiles, 10);
    assert.equal(stats.lines, own.lines);
    assert.equal(stats.bytes, own.bytes);
    assert.equal(stats.keys, own.keys);
    assert.equal(stats.memoryBytes, own.memoryBytes);
    assert.ok(stats.lines > 0 && stats.postings > 0 && stats.links > 0, JSON.stringify(stats));
    assert.equal(stats.progress.filesDone, stats.progress.filesTotal);
  });

  it('answers references, definition, highlights, lenses, symbols and hovers', async () => {
    const doc = await openDoc(h, samplePath('uccx/Cisco001MIVR045.log'), 'cisco-uccx-engine');
    const position = positionOf(doc, '4B1E93C7100001650D5B1A000A301647', 3);
    const refs = (await h.client.sendRequest('textDocument/references', {
      textDocument: { uri: doc.uri },
      position,
      context: { includeDeclaration: true },
    })) as Array<{ uri: string }>;
    // The contact's chat: SocialMiner, UCCX engine and admin, and the browser console (which names its room).
    assert.deepEqual(
      new Set(refs.map((r) => path.basename(decodeURIComponent(r.uri)))),
      new Set([
        'Cisco001MIVR045.log',
        'Cisco001MADM012.log',
        'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
        'CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
        'console-export-2018-8-6_9-34-10.log',
      ]),
    );
    // Definition goes to the birth of the name under the cursor: the contact id's SOCIAL_CONTACT_CREATED
    // (the chat's first name, the customer's publicapps session, is born earlier: the hover says so).
    const def = (await h.client.sendRequest('textDocument/definition', {
      textDocument: { uri: doc.uri },
      position,
    })) as { uri: string; range: { start: { line: number } } };
    assert.match(def.uri, /CCBU-runtime/);
    const birth = fs
      .readFileSync(samplePath('socialminer/CCBU-runtime.2018-08-06T09-20-05.344.startup.log'), 'utf8')
      .split('\n')[def.range.start.line];
    assert.match(birth, /SOCIAL_CONTACT_CREATED/);
    const highlights = (await h.client.sendRequest('textDocument/documentHighlight', {
      textDocument: { uri: doc.uri },
      position,
    })) as unknown[];
    assert.ok(highlights.length >= 6);
    const lenses = (await h.client.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } })) as Array<{
      range: unknown;
      data: unknown;
    }>;
    assert.ok(lenses.length > 0);
    const resolved = (await h.client.sendRequest('codeLens/resolve', lenses[0])) as {
      command: { title: string; command: string; arguments: unknown[] };
    };
    assert.equal(resolved.command.command, SHOW_RELATED_LINES_COMMAND);
    assert.match(resolved.command.title, /^[a-zA-Z# ]+ [^:]+: \d+ references? on \d+ lines? in \d+ files?$/);
    const symbols = (await h.client.sendRequest('workspace/symbol', { query: '4B1E93' })) as Array<{ name: string }>;
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['contact:4B1E93C7100001650D5B1A000A301647'],
    );
    const hover = (await h.client.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Chat contact/);
    // The id's one-line summary with its links comes first; the decoded object (a long table) after it.
    const value = hover.contents.value;
    const firstBlock = value.split('\n\n---\n\n')[0]!;
    assert.match(
      firstBlock,
      /^\*\*Chat contact\*\* `contact:4B1E93C7100001650D5B1A000A301647` · \d+ references on \d+ lines in 5 files · born at \[/,
    );
    assert.ok(!firstBlock.includes('\n'), 'one line');
  });

  it('puts the id summary first, then the decoded ARM dump with its links before its tables', async () => {
    const doc = await openDoc(h, samplePath('ece/eg_log_ECEAPP01_Listener.log'), 'cisco-ece');
    // A byte of the agent's SkillTargetID inside the MEDIA_LOGIN_REQ dump: both hovers answer.
    const position = positionOf(doc, '0 0 25 20', 2);
    const hover = (await h.client.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position })) as {
      contents: { value: string };
    };
    const blocks = hover.contents.value.split('\n\n---\n\n');
    assert.equal(blocks.length, 3, 'summary, decoded dump, detail');
    assert.match(
      blocks[0]!,
      /^\*\*Agent\\: ICM agent id \\\(SkillTargetID\\\)\*\* `agent:icm:6420` · \d+ references on \d+ lines in 5 files · born at \[/,
    );
    const dump = blocks[1]!.split('\n');
    assert.match(dump[0]!, /^\*\*Sending MEDIA\\_LOGIN\\_REQ\*\*/);
    const response = dump.findIndex((l) => l.startsWith('Response: MEDIA\\_LOGIN\\_RESP at ['));
    assert.ok(response > 0 && response < dump.findIndex((l) => l.startsWith('|')), dump.slice(0, 6).join('\n'));
    assert.match(blocks[2]!, /Also named/);
  });

  it('survives requests on unknown documents and odd positions', async () => {
    const none = await h.client.sendRequest('textDocument/references', {
      textDocument: { uri: 'file:///nowhere.log' },
      position: { line: 0, character: 0 },
      context: { includeDeclaration: true },
    });
    assert.equal(none, null);
    const doc = await openDoc(h, samplePath('icm/ctisvr_190819.txt'));
    const odd = await h.client.sendRequest('textDocument/definition', {
      textDocument: { uri: doc.uri },
      position: { line: 99_999, character: -4 },
    });
    assert.equal(odd, null);
  });
});

describe('navigation over LSP: changes and cancellation', function () {
  this.timeout(60_000);

  it('follows watched-file events and stops indexing when the progress is cancelled', async () => {
    const tmp = tempFolder('ccidx-lsp-');
    const mivr = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');
    for (let i = 0; i < 40; i++)
      fs.writeFileSync(path.join(tmp.dir, `Cisco001MIVR${String(i).padStart(3, '0')}.log`), mivr.repeat(20));
    const h = await start(tmp.dir);
    try {
      await until(() => h.progress.some((p) => p.value.kind === 'begin'), 'indexing to begin');
      const token = h.progress.find((p) => p.value.kind === 'begin')!.token;
      await h.client.sendNotification('window/workDoneProgress/cancel', { token });
      await until(() => h.progress.some((p) => p.value.kind === 'end'), 'the progress to end');
      await until(
        () => h.notifications.some((n) => n.method === 'ccLogs/status' && /cancelled/.test(JSON.stringify(n.params))),
        'a status saying so',
      );
      assert.ok(h.nav.index.stats().cancelled > 0);

      // A file deleted on disk leaves the index.
      const gone = path.join(tmp.dir, 'Cisco001MIVR000.log');
      fs.rmSync(gone);
      await h.client.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(gone).href, type: 3 }],
      });
      await until(() => !h.nav.index.fileByUri(pathToFileURL(gone).href), 'the file to leave the index');

      // The rebuild command indexes again.
      await h.client.sendRequest('workspace/executeCommand', { command: REBUILD_INDEX_COMMAND, arguments: [] });
      await h.nav.index.whenIdle();
      assert.equal(h.nav.index.stats().indexedFiles, 39);
    } finally {
      await h.close();
      tmp.remove();
    }
  });

  it('says in the status when a gzip inflated past the cap and was indexed only up to it', async () => {
    const tmp = tempFolder('ccnav-gzcap-');
    const mivr = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'));
    // 3 MB of text in one gzip member, then a tiny member: the trailer claims a few bytes.
    const text = Buffer.concat(Array.from({ length: Math.ceil((3 << 20) / mivr.length) }, () => mivr));
    fs.writeFileSync(
      path.join(tmp.dir, 'Cisco001MIVR044.log.gz'),
      Buffer.concat([zlib.gzipSync(text), zlib.gzipSync(Buffer.from('x'))]),
    );
    const h = await start(tmp.dir, { maxFileSizeMB: 1 });
    try {
      await until(
        () =>
          h.notifications.some(
            (n) =>
              n.method === 'ccLogs/status' && /stopped at the cap/.test((n.params as { detail?: string }).detail ?? ''),
          ),
        'the status of the cut gzip',
      );
      const status = h.notifications.filter((n) => n.method === 'ccLogs/status').at(-1)!.params as {
        level: string;
        text: string;
        detail: string;
      };
      assert.equal(status.level, 'warning');
      assert.match(status.text, /1 cut at the cap/);
      assert.match(status.detail, /Cisco001MIVR044\.log\.gz/);
      assert.match(status.detail, /inflated bytes of compressed files/);
    } finally {
      await h.close();
      tmp.remove();
    }
  });

  it('says which cap left files out and which setting raises it', async () => {
    const h = await start(SAMPLES, { maxTotalGB: 0.00003 });
    try {
      await until(() => h.notifications.some((n) => n.method === 'window/showMessage'), 'the cap message');
      const message = h.notifications.find((n) => n.method === 'window/showMessage')!.params as {
        type: number;
        message: string;
      };
      assert.equal(message.type, 2, 'a warning');
      assert.match(message.message, /were not indexed because the indexed files reached ccLogs\.index\.maxTotalGB/);
      await h.nav.index.whenIdle();
      const stats = h.nav.index.stats();
      assert.ok(stats.indexedFiles >= 1 && stats.indexedFiles < 10, `${stats.indexedFiles} files indexed`);
      const status = h.notifications
        .filter((n) => n.method === 'ccLogs/status')
        .map((n) => n.params as { level: string; detail?: string });
      assert.ok(status.some((st) => st.level === 'warning' && /maxTotalGB/.test(st.detail ?? '')));
    } finally {
      await h.close();
    }
  });
});
