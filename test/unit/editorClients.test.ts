/**
 * The built server as editors other than VS Code drive it: Neovim without a root folder and
 * without advertising workspace/configuration, eglot answering only the whole `ccLogs` section and
 * unable to register didChangeConfiguration, clients giving settings in initializationOptions or
 * in didChangeConfiguration, and hovers for clients that cannot run the extension's command.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import fc from 'fast-check';
import { PLAIN_HOVERS, restyleMarkdown, VSCODE_HOVERS } from '../../server/src/render/hoverStyle';
import { escapeMarkdown } from '../../server/src/render/markdown';
import { cursorArgument } from '../../protocol/editors';
import { SERVER_JS } from './helpers/lspClient';

const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');
const MIVR = path.join(SAMPLES, 'uccx', 'Cisco001MIVR045.log');
const MADM = path.join(SAMPLES, 'uccx', 'Cisco001MADM012.log');
const LISTENER = path.join(SAMPLES, 'ece', 'eg_log_ECEAPP01_Listener.log');
const CONTACT = '4B1E93C7100001650D5B1A000A301647';

interface Client {
  c: ProtocolConnection;
  registrations: string[];
  messages: string[];
  close(): Promise<void>;
}

interface Options {
  folder?: string;
  initializationOptions?: unknown;
  capabilities?: Record<string, unknown>;
  /** Answers workspace/configuration items; absent: the request fails as unknown. */
  configuration?: (section: string | undefined) => unknown;
}

async function startClient(o: Options): Promise<Client> {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.resume();
  const c = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const registrations: string[] = [];
  const messages: string[] = [];
  if (o.configuration) {
    const answer = o.configuration;
    c.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => answer(i.section) ?? null),
    );
  }
  c.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
    registrations.push(...p.registrations.map((r) => r.method));
    return null;
  });
  c.onNotification('window/showMessage', (p: { message: string }) => void messages.push(p.message));
  c.listen();
  const uri = o.folder ? pathToFileURL(o.folder).href : null;
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: uri ? [{ uri, name: 'logs' }] : null,
    capabilities: o.capabilities ?? {},
    ...(o.initializationOptions !== undefined ? { initializationOptions: o.initializationOptions } : {}),
  });
  await c.sendNotification('initialized', {});
  return {
    c,
    registrations,
    messages,
    async close() {
      await c.sendRequest('shutdown').catch(() => undefined);
      await c.sendNotification('exit').catch(() => undefined);
      c.dispose();
      child.kill();
    },
  };
}

function open(client: Client, file: string, languageId = 'log'): { uri: string; lines: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  void client.c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return { uri, lines: text.split('\n') };
}

function positionOf(lines: string[], needle: string, skip = 0): { line: number; character: number } {
  for (let line = 0; line < lines.length; line++) {
    const character = lines[line].indexOf(needle);
    if (character >= 0 && skip-- === 0) return { line, character: character + 2 };
  }
  throw new Error(`${needle} not found`);
}

type Loc = { uri: string };
async function referenceFiles(client: Client, uri: string, position: object): Promise<string[]> {
  const refs = (await client.c.sendRequest('textDocument/references', {
    textDocument: { uri },
    position,
    context: { includeDeclaration: true },
  })) as Loc[] | null;
  return [...new Set((refs ?? []).map((r) => path.basename(new URL(r.uri).pathname)))].sort();
}

/** Asks until the answer fits (indexing runs in the background), or gives the last answer. */
async function until<T>(ask: () => Promise<T>, ok: (v: T) => boolean, tries = 60): Promise<T> {
  let v = await ask();
  for (let i = 0; i < tries && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 250));
    v = await ask();
  }
  return v;
}

async function hoverText(client: Client, uri: string, position: object): Promise<string> {
  const h = (await client.c.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as {
    contents: { value: string };
  } | null;
  return h?.contents.value ?? '';
}

describe('editors other than VS Code (the built server over stdio)', function () {
  this.timeout(60_000);
  let client: Client | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('without a workspace folder, indexes the folder of the open file, says so, and references reach files never opened', async () => {
    // Neovim 0.7 without a root: no folders, answers workspace/configuration without advertising it.
    client = await startClient({ configuration: () => ({}) });
    const { uri, lines } = open(client, MIVR);
    const files = await until(
      () => referenceFiles(client!, uri, positionOf(lines, CONTACT)),
      (f) => f.length >= 2,
    );
    assert.deepEqual(files, ['Cisco001MADM012.log', 'Cisco001MIVR045.log']);
    assert.ok(
      client.messages.some((m) => m.includes('no workspace folder') && m.includes(path.dirname(MIVR))),
      client.messages.join('\n'),
    );
  });

  it('reads settings from initializationOptions when the client answers no workspace/configuration', async () => {
    client = await startClient({
      folder: path.join(SAMPLES, 'uccx'),
      initializationOptions: { ccLogs: { index: { exclude: ['**/*MADM*'] } } },
    });
    const { uri, lines } = open(client, MIVR);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(await referenceFiles(client, uri, positionOf(lines, CONTACT)), ['Cisco001MIVR045.log']);
  });

  it('reads settings pushed with didChangeConfiguration, and asks for the whole ccLogs section (eglot)', async () => {
    const asked: Array<string | undefined> = [];
    let settings: Record<string, unknown> | null = null;
    client = await startClient({
      folder: path.join(SAMPLES, 'uccx'),
      // eglot: declares configuration, resolves only top-level sections, cannot register dynamically.
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } },
      configuration: (section) => {
        asked.push(section);
        return section === 'ccLogs' ? settings : null;
      },
    });
    const { uri, lines } = open(client, MIVR);
    const at = positionOf(lines, CONTACT);
    assert.deepEqual(
      await until(
        () => referenceFiles(client!, uri, at),
        (f) => f.length === 2,
      ),
      ['Cisco001MADM012.log', 'Cisco001MIVR045.log'],
    );
    settings = { index: { exclude: ['**/*MADM*'] } };
    await client.c.sendNotification('workspace/didChangeConfiguration', { settings: { ccLogs: settings } });
    assert.deepEqual(
      await until(
        () => referenceFiles(client!, uri, at),
        (f) => f.length === 1,
      ),
      ['Cisco001MIVR045.log'],
    );
    assert.ok(asked.length > 0 && asked.every((s) => s === 'ccLogs'), asked.join(','));
    assert.ok(!client.registrations.includes('workspace/didChangeConfiguration'), client.registrations.join(','));
  });

  it('registers didChangeConfiguration only with a client that declares dynamic registration', async () => {
    client = await startClient({
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      configuration: () => ({}),
    });
    await until(
      async () => client!.registrations.length,
      (n) => n > 0,
      20,
    );
    assert.ok(client.registrations.includes('workspace/didChangeConfiguration'));
  });

  it('hovers for editors: file:line text, no VS Code keys, only the escapes CommonMark needs', async () => {
    client = await startClient({ folder: path.join(SAMPLES, 'uccx'), configuration: () => ({}) });
    const { uri, lines } = open(client, MIVR);
    const at = positionOf(lines, CONTACT);
    const text = await until(
      () => hoverText(client!, uri, at),
      (t) => t.includes('Also named') && !t.includes('still being built'),
    );
    assert.ok(!text.includes('command:'), text);
    assert.ok(!text.includes('Shift+F12'), text);
    assert.match(text, new RegExp(` \\(${MADM.replace(/[.]/g, '\\.')}:\\d+\\)`));
    assert.ok(!/\\[-_:.]/.test(text.replace(/`[^`]*`/g, '')), text);

    const listener = open(client, LISTENER);
    const dump = await hoverText(client, listener.uri, positionOf(listener.lines, '0 0 0 27 0 0 0 -105'));
    assert.match(dump, /MEDIA_LOGIN_REQ/);
    assert.ok(!dump.includes('command:'), dump);
    assert.ok(!dump.includes('\\_'), dump);
  });

  it('hovers with file:// links when asked, and with the reveal command for the VS Code client', async () => {
    client = await startClient({ folder: path.join(SAMPLES, 'uccx'), initializationOptions: { hoverLinks: 'file' } });
    let doc = open(client, MIVR);
    const text = await until(
      () => hoverText(client!, doc.uri, positionOf(doc.lines, CONTACT)),
      (t) => t.includes('Also named') && !t.includes('still being built'),
    );
    assert.match(text, new RegExp(`\\]\\(<${pathToFileURL(MADM).href.replace(/[.]/g, '\\.')}#L\\d+>\\)`));
    await client.close();

    client = await startClient({
      folder: path.join(SAMPLES, 'uccx'),
      initializationOptions: { hoverLinks: 'command' },
    });
    doc = open(client, MIVR);
    const vscode = await until(
      () => hoverText(client!, doc.uri, positionOf(doc.lines, CONTACT)),
      (t) => t.includes('Also named') && !t.includes('still being built'),
    );
    assert.match(vscode, /\]\(command:ccLogs\.revealLine\?/);
    assert.match(vscode, /Shift\+F12/);
  });
});

describe('restyling hover Markdown for editors', () => {
  const link = (title: string, uri: string, line: number): string =>
    `[${title}](command:ccLogs.revealLine?${encodeURIComponent(JSON.stringify([{ uri, line }]))})`;

  it('leaves VS Code hovers as rendered', () => {
    const md = `a\\_b ${link('x', 'file:///l/a.log', 3)}`;
    assert.equal(restyleMarkdown(md, VSCODE_HOVERS), md);
  });

  it('keeps the escapes CommonMark needs and drops the others', () => {
    const md =
      '**MEDIA\\_LOGIN\\_REQ** a\\:b \\_lead\\_ x\\*y \\[z\\] 1\\.5 \\- mid\n\\- start\n1\\. item\n\\# h a\\#b';
    assert.equal(
      restyleMarkdown(md, PLAIN_HOVERS),
      '**MEDIA_LOGIN_REQ** a:b \\_lead\\_ x\\*y \\[z\\] 1.5 - mid\n\\- start\n1\\. item\n\\# h a#b',
    );
  });

  it('leaves code spans and code blocks alone', () => {
    const md = 'a `x\\_y \\: [q](command:ccLogs.revealLine?%5B%5D)` b\n```\nq\\_r\n```\nc\\_d';
    assert.equal(
      restyleMarkdown(md, PLAIN_HOVERS),
      'a `x\\_y \\: [q](command:ccLogs.revealLine?%5B%5D)` b\n```\nq\\_r\n```\ncd'.replace('cd', 'c_d'),
    );
  });

  it('turns reveal links into path:line text or file links, and keeps entities of HTML inert', () => {
    const md = `Born at ${link('Cisco001MIVR045\\.log:53', 'file:///logs/Cisco001MIVR045.log', 52)}\\. See ${link('line 3', 'file:///logs/x.log', 2)} &lt;img&gt; 1 &lt; 2`;
    assert.equal(
      restyleMarkdown(md, PLAIN_HOVERS),
      'Born at /logs/Cisco001MIVR045.log:53. See line 3 (/logs/x.log:3) \\<img> 1 < 2',
    );
    assert.equal(
      restyleMarkdown(md, { ...PLAIN_HOVERS, links: 'file' }),
      'Born at [Cisco001MIVR045.log:53](<file:///logs/Cisco001MIVR045.log#L53>). See [line 3](<file:///logs/x.log#L3>) \\<img> 1 < 2',
    );
    // Nothing becomes live: a bracket of the rendering followed by an escaped parenthesis, entities.
    assert.equal(restyleMarkdown('[x]\\(http://e) a \\(b\\)', PLAIN_HOVERS), '[x]\\(http://e) a (b)');
    assert.equal(
      restyleMarkdown('&amp;CounterClockwiseContourIntegral; &amp; b', PLAIN_HOVERS),
      '\\&CounterClockwiseContourIntegral; & b',
    );
    // A crafted title cannot turn into a link: its brackets stay escaped.
    const hostile = link('\\[x\\]\\(http://evil\\)', 'file:///l.log', 1);
    assert.ok(!/(^|[^\\])\]\(/.test(restyleMarkdown(hostile, PLAIN_HOVERS)), restyleMarkdown(hostile, PLAIN_HOVERS));
  });

  it('never turns escaped log text into a link, an autolink, HTML or emphasis (property)', () => {
    const piece = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '&',
      '_',
      '*',
      '`',
      '\\',
      '!',
      'a',
      'http://x',
      'amp;',
      '#',
      '-',
      ' ',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        for (const md of [escapeMarkdown(text), `- ${escapeMarkdown(text)}`, `| a | ${escapeMarkdown(text)} |`]) {
          const out = restyleMarkdown(md, PLAIN_HOVERS);
          const prose = out;
          assert.ok(!/(^|[^\\])\]\(/.test(prose), out);
          assert.ok(!/(^|[^\\])\[/.test(prose), out);
          assert.ok(!/(^|[^\\])<[A-Za-z/!?]/.test(prose), out);
          assert.ok(!/(^|[^\\])[*`]/.test(prose.replace(/^- /, '')), out);
          assert.ok(!/(^|[^\\])\|/.test(prose.replace(/^\| a \| /, '').replace(/ \|$/, '')), out);
          assert.ok(!/(^|[^\\\w])_|_($|[^\w])/.test(prose.replace(/\\_/g, '')), out);
        }
      }),
      { seed: 19, numRuns: 2000 },
    );
  });
});

describe('the cursor argument of server commands', () => {
  it('takes { uri, position } and the TextDocumentPositionParams Sublime Text sends', () => {
    const position = { line: 52, character: 120 };
    assert.deepEqual(cursorArgument({ uri: 'file:///l/a.log', position }), { uri: 'file:///l/a.log', position });
    assert.deepEqual(cursorArgument({ textDocument: { uri: 'file:///l/a.log' }, position }), {
      uri: 'file:///l/a.log',
      position,
    });
    for (const bad of [
      null,
      'x',
      {},
      { uri: 'file:///a' },
      { uri: 1, position },
      { uri: 'u', position: { line: -1, character: 0 } },
    ])
      assert.equal(cursorArgument(bad), undefined);
  });
});
