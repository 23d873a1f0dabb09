/**
 * The architecture's invariants, computed from the real imports of every source file (see
 * docs/ARCHITECTURE.md): only the LSP layer, the server entry point and protocol/ import
 * `vscode-languageserver*`, and nothing below the LSP layer reaches it through another file; the
 * server's layers import downwards only; protocol/ imports no server code.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER = path.join(ROOT, 'server', 'src');

/**
 * The server's folders, bottom first. A folder may import its own layer and the ones below it.
 * `protocol/commands.ts` and `protocol/timelineTypes.ts` (plain declarations) count as the bottom layer.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['util'],
  ['decode', 'time', 'render'],
  ['formats'],
  ['model', 'entities'],
  ['index'],
  ['flows', 'timeline', 'diagnostics'],
  ['explain'],
  ['lsp', 'cli'],
];

/** Where `vscode-languageserver*` may be imported. */
const LSP_ALLOWED = [
  path.join(SERVER, 'lsp') + path.sep,
  path.join(SERVER, 'server.ts'),
  path.join(ROOT, 'protocol') + path.sep,
];

interface SourceFile {
  file: string;
  /** Resolved relative imports (files), and package imports (names). */
  files: string[];
  packages: string[];
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'out') out.push(...sourcesUnder(p));
    } else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Module specifiers of static imports, re-exports, dynamic imports and requires. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'";]{0,2000}?\sfrom\s*['"]([^'"\n]{1,300})['"]|(?:^|[\s;])import\s*['"]([^'"\n]{1,300})['"]|(?:import|require)\(\s*['"]([^'"\n]{1,300})['"]\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return undefined;
}

function read(file: string): SourceFile {
  const files: string[] = [];
  const packages: string[] = [];
  for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
    if (spec.startsWith('.')) {
      const target = resolve(file, spec);
      if (target && target.endsWith('.ts')) files.push(target);
    } else packages.push(spec);
  }
  return { file, files, packages };
}

const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');

/** Plain declarations under protocol/ (no LSP import): the server's lower layers may use them. */
const PLAIN_PROTOCOL = ['commands.ts', 'timelineTypes.ts', 'flowTypes.ts'].map((f) => path.join(ROOT, 'protocol', f));

function layerOf(file: string): number {
  if (PLAIN_PROTOCOL.includes(file)) return 0;
  const r = path.relative(SERVER, file);
  if (r.startsWith('..')) return Infinity;
  const top = r.split(path.sep)[0];
  if (top === 'server.ts') return LAYERS.length;
  const i = LAYERS.findIndex((l) => l.includes(top));
  assert.ok(i >= 0, `server/src/${top} is in no layer: add it to LAYERS here and to docs/ARCHITECTURE.md`);
  return i;
}

describe('architecture invariants (from the real imports)', () => {
  const files = [
    ...sourcesUnder(SERVER),
    ...sourcesUnder(path.join(ROOT, 'protocol')),
    ...sourcesUnder(path.join(ROOT, 'client', 'src')),
  ];
  const graph = new Map(files.map((f) => [f, read(f)]));

  it('reads the imports of every file (the parser finds the known ones)', () => {
    const main = graph.get(path.join(SERVER, 'lsp', 'serverMain.ts'))!;
    assert.ok(main.packages.includes('vscode-languageserver'), JSON.stringify(main.packages));
    assert.ok(main.files.includes(path.join(SERVER, 'lsp', 'handlers.ts')), JSON.stringify(main.files.map(rel)));
    assert.ok(graph.get(path.join(SERVER, 'server.ts'))!.packages.includes('vscode-languageserver/node'));
  });

  it('only server/src/lsp/, server/src/server.ts and protocol/ import vscode-languageserver*', () => {
    const offenders: string[] = [];
    for (const s of graph.values()) {
      if (LSP_ALLOWED.some((a) => s.file === a || s.file.startsWith(a))) continue;
      for (const p of s.packages)
        if (p.startsWith('vscode-languageserver')) offenders.push(`${rel(s.file)} imports ${p}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('nothing below server/src/lsp/ reaches vscode-languageserver* through other files (it runs in plain Node)', () => {
    const reaches = new Map<string, string | undefined>();
    const pathTo = (f: string, seen: Set<string>): string | undefined => {
      if (reaches.has(f)) return reaches.get(f);
      if (seen.has(f)) return undefined;
      seen.add(f);
      const s = graph.get(f) ?? read(f);
      let found: string | undefined = s.packages.find((p) => p.startsWith('vscode-languageserver'));
      if (found) found = `${rel(f)} imports ${found}`;
      for (const t of s.files) {
        if (found) break;
        const via = pathTo(t, seen);
        if (via) found = `${rel(f)} → ${via}`;
      }
      reaches.set(f, found);
      return found;
    };
    const offenders: string[] = [];
    for (const f of graph.keys()) {
      if (!f.startsWith(SERVER + path.sep) || layerOf(f) >= LAYERS.length - 1) continue;
      const via = pathTo(f, new Set());
      if (via) offenders.push(via);
    }
    assert.deepEqual(offenders, []);
  });

  it('the server layers import downwards only', () => {
    const offenders: string[] = [];
    for (const s of graph.values()) {
      if (!s.file.startsWith(SERVER + path.sep)) continue;
      const own = layerOf(s.file);
      for (const t of s.files) {
        const target = layerOf(t);
        if (target === Infinity && t.startsWith(path.join(ROOT, 'protocol'))) {
          // Other protocol files declare LSP messages: the LSP layer's to import.
          if (own < LAYERS.length - 1) offenders.push(`${rel(s.file)} imports ${rel(t)} (LSP messages)`);
        } else if (target > own)
          offenders.push(`${rel(s.file)} (${layerName(own)}) imports ${rel(t)} (${layerName(target)})`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('protocol/ imports no server or client code, and the client imports no server code', () => {
    const offenders: string[] = [];
    for (const s of graph.values()) {
      const inProtocol = s.file.startsWith(path.join(ROOT, 'protocol') + path.sep);
      const inClient = s.file.startsWith(path.join(ROOT, 'client') + path.sep);
      for (const t of s.files) {
        if (inProtocol && !t.startsWith(path.join(ROOT, 'protocol') + path.sep))
          offenders.push(`${rel(s.file)} imports ${rel(t)}`);
        if (inClient && t.startsWith(path.join(ROOT, 'server') + path.sep))
          offenders.push(`${rel(s.file)} imports ${rel(t)}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});

describe('manifest: what the extension is safe for', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    capabilities?: {
      untrustedWorkspaces?: { supported: unknown; description?: string; restrictedConfigurations?: string[] };
      virtualWorkspaces?: { supported: unknown; description?: string };
    };
    contributes: { configuration: { properties: Record<string, unknown> } };
  };

  it('is limited in untrusted workspaces: extra format folders are restricted, and exist as settings', () => {
    const u = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok(u?.restrictedConfigurations?.includes('ccLogs.formats.directories'));
    for (const key of u?.restrictedConfigurations ?? [])
      assert.ok(key in manifest.contributes.configuration.properties, `${key} is no setting`);
    assert.match(u?.description ?? '', /ccLogs\.formats\.directories/);
  });

  it('says what works in virtual workspaces', () => {
    assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, 'limited');
    assert.ok((manifest.capabilities?.virtualWorkspaces?.description ?? '').length > 0);
  });
});

function layerName(layer: number): string {
  return layer === LAYERS.length ? 'server.ts' : layer === Infinity ? 'outside' : LAYERS[layer].join('/');
}
