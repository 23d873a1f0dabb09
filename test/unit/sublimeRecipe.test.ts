/**
 * The Sublime Text recipe (docs/editors/LSP.sublime-settings, Default.sublime-commands, cc_logs.py,
 * CiscoCcLogs.sublime-syntax), checked as far as it can be without Sublime Text (not a Debian or npm
 * package, and its download site is not reachable from the test machines): the files parse as Sublime
 * reads them (JSON with comments, YAML), they agree with package.json (settings, languages) and with the
 * server (its commands, the cursor Sublime's LSP package sends), and the built server, started with the
 * recipe's initializationOptions and settings, answers the palette's commands the way `lsp_execute`
 * sends them and gives hovers with `file://…#L<line>` links (which the LSP package opens at the line).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as yaml from 'js-yaml';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import * as oniguruma from 'vscode-oniguruma';
import { cursorArgument, isHoverLinks, type FlowsCommandAnswer } from '../../protocol/editors';
import type { TimelineAnswer } from '../../protocol/timelineTypes';
import { SERVER_COMMANDS } from '../../server/src/lsp/serverCommands';
import { open, startStdioServer, type StdioServer } from './helpers/lspClient';

const ROOT = path.resolve(__dirname, '..', '..');
const EDITORS = path.join(ROOT, 'docs', 'editors');
const SAMPLES = path.join(ROOT, 'samples');
const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function jsonc(file: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(fs.readFileSync(path.join(EDITORS, file), 'utf8'), errors, {
    allowTrailingComma: true,
  });
  assert.deepEqual(errors, [], `${file} does not parse as Sublime's JSON`);
  return value;
}

interface SublimeClient {
  enabled: boolean;
  command: string[];
  selector: string;
  settings: { ccLogs: Record<string, unknown> };
  initializationOptions: { hoverLinks: unknown };
}
interface PaletteEntry {
  caption: string;
  command: string;
  args: { session_name: string; command_name: string; command_args?: unknown[] };
}

const settingsFile = jsonc('LSP.sublime-settings') as { clients: Record<string, SublimeClient> };
const palette = jsonc('Default.sublime-commands') as PaletteEntry[];
const syntax = yaml.load(fs.readFileSync(path.join(EDITORS, 'CiscoCcLogs.sublime-syntax'), 'utf8')) as {
  scope: string;
  first_line_match: string;
};
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    languages: Array<{ id: string; firstLine?: string }>;
    configuration:
      | Array<{ properties: Record<string, { type?: string | string[] }> }>
      | { properties: Record<string, { type?: string | string[] }> };
  };
};

/** `{ a: { b: 1 } }` → [['ccLogs.a.b', 1]], down to what package.json declares. */
function settingPaths(obj: Record<string, unknown>, prefix: string, known: Set<string>): Array<[string, unknown]> {
  return Object.entries(obj).flatMap(([k, v]) => {
    const key = `${prefix}.${k}`;
    if (!known.has(key) && typeof v === 'object' && v !== null && !Array.isArray(v))
      return settingPaths(v as Record<string, unknown>, key, known);
    return [[key, v] as [string, unknown]];
  });
}

/** What Sublime's LSP package puts for "$text_document_position" in `lsp_execute`'s command_args. */
function expand(args: unknown[] | undefined, uri: string, position: { line: number; character: number }): unknown[] {
  return (args ?? []).map((a) => (a === '$text_document_position' ? { textDocument: { uri }, position } : a));
}

describe('Sublime Text recipe (docs/editors/)', function () {
  this.timeout(60_000);
  const client = settingsFile.clients['cc-logs'];

  it('LSP.sublime-settings: an enabled cc-logs client running the built server over stdio', () => {
    assert.ok(client, 'no "cc-logs" client');
    assert.equal(client.enabled, true);
    assert.equal(client.command[0], 'node');
    assert.match(client.command[1], /\/server\/out\/server\.js$/);
    assert.equal(client.command[2], '--stdio');
  });

  it("its selector takes the recipe syntax's scope and plain text (the server tells the format)", () => {
    assert.equal(syntax.scope, 'text.log.cisco-cc');
    const parts = client.selector.split('|').map((s) => s.trim());
    assert.ok(parts.includes(syntax.scope), client.selector);
    assert.ok(parts.includes('text.plain'), client.selector);
  });

  it('its settings are settings of package.json, of the declared types; hoverLinks is a known style', () => {
    const config = manifest.contributes.configuration;
    const properties = Object.assign(
      {},
      ...(Array.isArray(config) ? config : [config]).map((c) => c.properties),
    ) as Record<string, { type?: string | string[] }>;
    const known = new Set(Object.keys(properties));
    const paths = settingPaths(client.settings.ccLogs, 'ccLogs', known);
    assert.ok(paths.length > 0);
    for (const [key, value] of paths) {
      assert.ok(known.has(key), `${key} is not a setting of package.json`);
      const types = ([] as string[]).concat(properties[key].type ?? []);
      const actual = Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;
      assert.ok(
        types.length === 0 || types.includes(actual) || (actual === 'number' && types.includes('integer')),
        `${key}: ${actual}, package.json says ${types.join('|')}`,
      );
    }
    assert.ok(isHoverLinks(client.initializationOptions.hoverLinks));
    assert.equal(client.initializationOptions.hoverLinks, 'file');
  });

  it("Default.sublime-commands: each entry runs a server command of this client's session, the cursor as the server takes it", () => {
    assert.ok(palette.length >= 3);
    const names = palette.map((e) => e.args.command_name);
    for (const c of ['ccLogs.timeline', 'ccLogs.flows']) assert.ok(names.includes(c), `no palette entry for ${c}`);
    for (const e of palette) {
      // The LSP package's lsp_execute, or the recipe's cc_logs_execute (the same, showing the answer).
      assert.ok(['lsp_execute', 'cc_logs_execute'].includes(e.command), e.command);
      assert.equal(e.args.session_name, 'cc-logs');
      assert.ok(SERVER_COMMANDS.includes(e.args.command_name), `${e.args.command_name} is not a server command`);
      for (const a of expand(e.args.command_args, 'file:///logs/a.log', { line: 3, character: 7 }))
        assert.deepEqual(cursorArgument(a), { uri: 'file:///logs/a.log', position: { line: 3, character: 7 } });
    }
  });

  it("cc_logs.py: a Python plugin defining cc_logs_execute as a subclass of the LSP package's LspExecuteCommand", function () {
    const file = path.join(EDITORS, 'cc_logs.py');
    const source = fs.readFileSync(file, 'utf8');
    assert.match(source, /^from LSP\.plugin\.execute_command import LspExecuteCommand$/m);
    // Sublime names a command after its class: CcLogsExecuteCommand → cc_logs_execute.
    const classes = [...source.matchAll(/^class (\w+)Command\(LspExecuteCommand\):/gm)].map((m) =>
      m[1].replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase(),
    );
    for (const e of palette.filter((p) => p.command !== 'lsp_execute'))
      assert.ok(classes.includes(e.command), `no class defines ${e.command}`);
    assert.match(source, /def handle_success_async\(self, result, command_name\):/);
    const python = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file], {
      encoding: 'utf8',
    });
    if (python.error) this.skip(); // no python3 to parse it with
    assert.equal(python.status, 0, python.stderr);
  });

  it('CiscoCcLogs.sublime-syntax: its first-line pattern compiles and knows the first line of every sample with a first-line rule', async () => {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const scanner = new oniguruma.OnigScanner([syntax.first_line_match]);
    const firstLines = manifest.contributes.languages
      .filter((l) => l.id.startsWith('cisco-') && l.firstLine)
      .map((l) => new RegExp(l.firstLine as string));
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const p = path.join(dir, d.name);
        return d.isDirectory() ? (d.name.startsWith('.') ? [] : walk(p)) : /\.(log|txt)$/.test(d.name) ? [p] : [];
      });
    let known = 0;
    for (const file of walk(SAMPLES)) {
      const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
      const vscode = firstLines.some((re) => re.test(first));
      const str = new oniguruma.OnigString(first);
      const sublime = scanner.findNextMatchSync(str, 0)?.captureIndices[0].start === 0;
      str.dispose();
      assert.equal(sublime, vscode, `${path.relative(SAMPLES, file)}: Sublime ${sublime}, VS Code ${vscode}`);
      if (vscode) known++;
    }
    scanner.dispose();
    assert.ok(known >= 10, `only ${known} samples have a first line the rules know`);
  });

  describe('the built server as Sublime Text would start it', () => {
    let server: StdioServer;
    const mivr = path.join(SAMPLES, 'uccx', 'Cisco001MIVR045.log');
    const ctisvr = path.join(SAMPLES, 'icm', 'ctisvr_190819.txt');
    const lines = fs.readFileSync(mivr, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(`ALLOCATED Contact [${CONTACT}`));
    const position = { line, character: lines[line].indexOf(CONTACT) + 2 };
    let uri: string;

    before(async () => {
      server = await startStdioServer(client.settings.ccLogs, SAMPLES, {
        initializationOptions: client.initializationOptions,
      });
      // Sublime's LSP package names the language of a view of this syntax by its scope: "log" (or "cisco-cc").
      uri = await open(server, mivr, fs.readFileSync(mivr, 'utf8'), 'log');
      const deadline = Date.now() + 45_000;
      for (;;) {
        const a = await server.connection.sendRequest<{ subjects: unknown[]; indexing: boolean }>('ccLogs/flows', {});
        if (a.subjects.length > 0 && !a.indexing) break;
        if (Date.now() > deadline) throw new Error('samples not indexed');
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    after(async () => {
      await server?.close();
    });

    it('answers every palette command, sent as lsp_execute sends it, at the contact under the cursor', async () => {
      for (const e of palette.filter((p) => p.args.command_name !== 'ccLogs.rebuildIndex')) {
        const answer = await server.connection.sendRequest<TimelineAnswer | FlowsCommandAnswer>(
          'workspace/executeCommand',
          { command: e.args.command_name, arguments: expand(e.args.command_args, uri, position) },
        );
        assert.ok(!('error' in answer), `${e.caption}: ${JSON.stringify(answer).slice(0, 300)}`);
        if (e.args.command_name === 'ccLogs.timeline')
          assert.ok(
            'events' in answer &&
              answer.events.length > 0 &&
              answer.entity.names.some((n) => n.key === `contact:${CONTACT}`),
          );
        if (e.args.command_name === 'ccLogs.flows')
          assert.ok('subjects' in answer && answer.subjects[0].id === `contact:${CONTACT}`);
      }
    });

    it('hovers link other lines as file://…#L<line> (hoverLinks "file"), and the recipe settings apply', async () => {
      const hover = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position,
      })) as {
        contents: { value: string };
      };
      assert.match(hover.contents.value, /\]\(<file:\/\/\/[^>\s]+#L\d+>\)/);
      assert.doesNotMatch(hover.contents.value, /command:/);
      const trace = fs.readFileSync(ctisvr, 'utf8').split('\n');
      const at = trace.findIndex((l) => l.includes('15:30:14:210'));
      const traceUri = await open(server, ctisvr, trace.join('\n'), 'txt');
      const time = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: traceUri },
        position: { line: at, character: trace[at].indexOf('15:30:14:210') + 1 },
      })) as { contents: { value: string } };
      assert.ok(
        time.contents.value.includes(String(client.settings.ccLogs.zonelessOffset)),
        `the recipe's zonelessOffset is not in ${time.contents.value}`,
      );
      assert.equal(pathToFileURL(ctisvr).toString(), traceUri);
    });
  });
});
