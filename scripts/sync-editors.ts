/**
 * The editor recipes of docs/editors/ (neovim.lua, cc-logs.el, CiscoCcLogs.sublime-syntax) hold a generated
 * table of file types between `BEGIN GENERATED` and `END GENERATED` comments: this rewrites those tables from
 * package.json `contributes.languages` (file-name patterns and first lines), so a new format needs only
 * `npm run sync:editors`. Precedence is VS Code's: the longest matching file-name pattern wins (the first in
 * package.json on a tie), else the first language whose first line matches. `--check` fails instead of
 * writing when a recipe is out of date (the unit tests run it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Language {
  id: string;
  filenamePatterns?: string[];
  firstLine?: string;
}

const root = path.join(__dirname, '..');

export function manifestLanguages(): Language[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return (manifest.contributes?.languages ?? []).filter(
    (l: Language) => l.filenamePatterns?.length || l.firstLine,
  ) as Language[];
}

/** Every (glob, id), longest glob first, package.json order on a tie: the first that matches wins. */
export function orderedFileNames(languages: Language[]): { glob: string; id: string }[] {
  const all = languages.flatMap((l) => (l.filenamePatterns ?? []).map((glob) => ({ glob, id: l.id })));
  const seen = new Set<string>();
  return all
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.glob.length - a.glob.length || a.i - b.i)
    .filter((e) => !seen.has(e.glob) && seen.add(e.glob))
    .map(({ glob, id }) => ({ glob, id }));
}

/** The file-name part of a glob (its leading double-star folder dropped); only `*` is a wildcard here. */
function baseGlob(glob: string): string {
  const base = glob.replace(/^\*\*\//, '');
  if (/[?[\]{}/]/.test(base)) throw new Error(`unsupported file-name pattern ${glob}`);
  return base;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions: package.json's (JavaScript) into Vim's very magic and Emacs's syntax.

type Token =
  | { t: 'lit'; c: string }
  | { t: 'class'; neg: boolean; items: string[] } // items: single chars, ranges 'a-z', or \d \w \s
  | { t: 'esc'; c: 'd' | 'w' | 's' | 'b' }
  | { t: 'any' | 'bol' | 'eol' | 'alt' | 'close' | 'group' | 'neg-ahead' }
  | { t: 'quant'; q: string };

const ESCAPED: Record<string, string> = { r: '\r', n: '\n', t: '\t', f: '\f' };

function tokenize(re: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < re.length) {
    const c = re[i];
    if (c === '\\') {
      const n = re[i + 1];
      if ('dwsb'.includes(n)) out.push({ t: 'esc', c: n as 'd' | 'w' | 's' | 'b' });
      else if (ESCAPED[n]) out.push({ t: 'lit', c: ESCAPED[n] });
      else if (/[A-Za-z0-9]/.test(n)) throw new Error(`unsupported escape \\${n} in ${re}`);
      else out.push({ t: 'lit', c: n });
      i += 2;
    } else if (c === '[') {
      let j = i + 1;
      const neg = re[j] === '^';
      if (neg) j++;
      const items: string[] = [];
      while (re[j] !== ']') {
        if (j >= re.length) throw new Error(`unclosed class in ${re}`);
        let ch = re[j];
        if (ch === '\\') {
          const n = re[j + 1];
          ch = 'dws'.includes(n) ? `\\${n}` : (ESCAPED[n] ?? n);
          j += 2;
        } else j++;
        if (re[j] === '-' && re[j + 1] !== ']' && ch.length === 1) {
          items.push(`${ch}-${re[j + 1]}`);
          j += 2;
        } else items.push(ch);
      }
      out.push({ t: 'class', neg, items });
      i = j + 1;
    } else if (c === '(') {
      if (re.startsWith('(?:', i)) {
        out.push({ t: 'group' });
        i += 3;
      } else if (re.startsWith('(?!', i)) {
        out.push({ t: 'neg-ahead' });
        i += 3;
      } else throw new Error(`unsupported group in ${re}`);
    } else if (c === ')') {
      out.push({ t: 'close' });
      i++;
    } else if (c === '|') {
      out.push({ t: 'alt' });
      i++;
    } else if (c === '.') {
      out.push({ t: 'any' });
      i++;
    } else if (c === '^') {
      out.push({ t: 'bol' });
      i++;
    } else if (c === '$') {
      out.push({ t: 'eol' });
      i++;
    } else if (c === '{') {
      const m = /^\{\d+(?:,\d*)?\}/.exec(re.slice(i));
      if (!m) throw new Error(`unsupported brace in ${re}`);
      out.push({ t: 'quant', q: m[0] });
      i += m[0].length;
    } else if ('*+?'.includes(c)) {
      if (re[i + 1] === '?') throw new Error(`lazy quantifier in ${re}`);
      out.push({ t: 'quant', q: c });
      i++;
    } else {
      out.push({ t: 'lit', c });
      i++;
    }
  }
  return out;
}

const CLASS_OF = { '\\d': '0-9', '\\w': '0-9A-Za-z_', '\\s': ' \t\r\n\f' } as Record<string, string>;

const VIM_SPECIAL = '()|+?=@{}<>%&~[].*^$\\/';
const VIM_CLASS_OF: Record<string, string> = { '\\d': '0-9', '\\w': '0-9A-Za-z_', '\\s': ' \\t\\r\\n\\f' };
const VIM_ESCAPED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t', '\f': '\\f' };

/** Vim's very magic regex (vim.regex), for Neovim. */
export function toVimRegex(re: string): string {
  const groups: ('group' | 'neg-ahead')[] = [];
  let out = '\\v';
  for (const k of tokenize(re)) {
    switch (k.t) {
      case 'lit':
        out += VIM_ESCAPED[k.c] ?? (VIM_SPECIAL.includes(k.c) ? `\\${k.c}` : k.c);
        break;
      case 'class': {
        const items = k.items.map((s) => {
          if (s.length > 1) return VIM_CLASS_OF[s] ?? s; // \d \w \s, or a range
          return VIM_ESCAPED[s] ?? (/[\]\\^-]/.test(s) ? `\\${s}` : s);
        });
        out += `[${k.neg ? '^' : ''}${items.join('')}]`;
        break;
      }
      case 'esc':
        out += k.c === 'b' ? '%(<|>)' : `\\${k.c}`;
        break;
      case 'any':
        out += '.';
        break;
      case 'bol':
        out += '^';
        break;
      case 'eol':
        out += '$';
        break;
      case 'alt':
        out += '|';
        break;
      case 'group':
      case 'neg-ahead':
        groups.push(k.t);
        out += '%(';
        break;
      case 'close':
        out += groups.pop() === 'neg-ahead' ? ')@!' : ')';
        break;
      case 'quant':
        out += k.q.startsWith('{') ? k.q.replace(/^\{/, '{').replace(/,\}$/, ',}') : k.q;
        break;
    }
  }
  return out;
}

/**
 * An Emacs regex. Emacs has no lookahead: a negative lookahead is left out, which is right while the
 * languages it excludes come first (as UCCX admin and JTAPI come before the UCCX engine).
 */
export function toEmacsRegex(re: string): string {
  const tokens = tokenize(re);
  let out = '';
  let skip = 0; // depth inside a left-out lookahead
  for (const k of tokens) {
    if (skip > 0) {
      if (k.t === 'group' || k.t === 'neg-ahead') skip++;
      else if (k.t === 'close') skip--;
      continue;
    }
    switch (k.t) {
      case 'lit':
        out += '[*.\\^$+?'.includes(k.c) ? `\\${k.c}` : k.c;
        break;
      case 'class': {
        let chars = '';
        let dash = false;
        let bracket = false;
        for (const s of k.items) {
          if (CLASS_OF[s]) chars += CLASS_OF[s];
          else if (s === '-') dash = true;
          else if (s === ']') bracket = true;
          else chars += s;
        }
        out += `[${k.neg ? '^' : ''}${bracket ? ']' : ''}${chars}${dash ? '-' : ''}]`;
        break;
      }
      case 'esc':
        out += k.c === 'b' ? '\\b' : `[${CLASS_OF[`\\${k.c}`]}]`;
        break;
      case 'any':
        out += '.';
        break;
      case 'bol':
        out += out === '' ? '' : '^'; // looking-at starts at the line's beginning
        break;
      case 'eol':
        out += '$';
        break;
      case 'alt':
        out += '\\|';
        break;
      case 'group':
        out += '\\(?:';
        break;
      case 'neg-ahead':
        skip = 1;
        break;
      case 'close':
        out += '\\)';
        break;
      case 'quant':
        out += k.q.startsWith('{') ? `\\${k.q.slice(0, -1)}\\}` : k.q;
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generated blocks

function luaPattern(glob: string): string {
  return baseGlob(glob)
    .split('*')
    .map((s) => s.replace(/[%^$().[\]+\-?]/g, '%$&'))
    .join('.*');
}

function luaLong(s: string): string {
  let eq = '';
  while (s.includes(`]${eq}]`)) eq += '=';
  return `[${eq}[${s}]${eq}]`;
}

function elispString(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\f/g, '\\f').replace(/\t/g, '\\t')}"`;
}

function emacsFileRegex(glob: string): string {
  const base = baseGlob(glob)
    .split('*')
    .map((s) => s.replace(/[.*+?^$[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return `/${base}\\'`;
}

function ids(languages: Language[]): string[] {
  return languages.map((l) => l.id);
}

export function neovimBlock(languages: Language[]): string {
  const lines = [
    "-- File names, the first that matches wins (the longest of VS Code's patterns first).",
    'local file_names = {',
    ...orderedFileNames(languages).map(({ glob, id }) => `  { '${luaPattern(glob)}', '${id}' }, -- ${glob}`),
    '}',
    '-- First lines (Vim regexes), the first that matches wins.',
    'local first_lines = {',
    ...languages
      .filter((l) => l.firstLine)
      .map((l) => `  { ${luaLong(toVimRegex(l.firstLine as string))}, '${l.id}' },`),
    '}',
    'local filetypes = {',
    ...ids(languages).map((id) => `  '${id}',`),
    '}',
  ];
  return lines.join('\n');
}

export function emacsBlock(languages: Language[]): string {
  const lines = [
    ...ids(languages).map((id) => `(cc-logs--define-mode ${id}-mode "${id.replace(/^cisco-/, '')}")`),
    '',
    '(defconst cc-logs-file-names',
    "  ;; The first that matches wins (the longest of VS Code's patterns first).",
    `  '(${orderedFileNames(languages)
      .map(({ glob, id }) => `(${elispString(emacsFileRegex(glob))} . ${id}-mode)`)
      .join('\n    ')})`,
    '  "File names of each log format (as the VS Code extension knows them).")',
    '',
    '(defconst cc-logs-first-lines',
    `  '(${languages
      .filter((l) => l.firstLine)
      .map((l) => `(${elispString(toEmacsRegex(l.firstLine as string))} . ${l.id}-mode)`)
      .join('\n    ')})`,
    '  "First lines of each log format, for files whose names say nothing; the first that matches wins.")',
    '',
    '(defconst cc-logs-modes',
    `  '(${ids(languages)
      .map((id) => `${id}-mode`)
      .join('\n    ')})`,
    '  "The major modes of the log formats.")',
  ];
  return lines.join('\n');
}

/** Oniguruma (?x) syntax: spaces and `#` outside classes escaped. */
function sublimeExtended(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      out += c + re[++i];
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += !inClass && (c === ' ' || c === '#') ? `\\${c}` : c;
  }
  return out.replace(/^\^/, '');
}

export function sublimeBlock(languages: Language[]): string {
  const firsts = languages.filter((l) => l.firstLine);
  return [
    'first_line_match: |-',
    '  (?x)^(?:',
    ...firsts.map((l, i) => `  ${i === 0 ? '  ' : '| '}(?:${sublimeExtended(l.firstLine as string)})  # ${l.id}`),
    '  )',
  ].join('\n');
}

export const recipes: { file: string; comment: string; block: (l: Language[]) => string }[] = [
  { file: 'docs/editors/neovim.lua', comment: '--', block: neovimBlock },
  { file: 'docs/editors/cc-logs.el', comment: ';;', block: emacsBlock },
  { file: 'docs/editors/CiscoCcLogs.sublime-syntax', comment: '#', block: sublimeBlock },
];

const BEGIN = 'BEGIN GENERATED by npm run sync:editors from package.json languages; do not edit';
const END = 'END GENERATED';

/** The recipe's text with its generated block rewritten. */
export function synced(text: string, comment: string, block: string, file = ''): string {
  const begin = text.indexOf(`${comment} ${BEGIN}`);
  const endAt = text.indexOf(`${comment} ${END}`);
  if (begin < 0 || endAt < begin) throw new Error(`${file}: no ${comment} ${BEGIN} ... ${comment} ${END} markers`);
  const afterBegin = text.indexOf('\n', begin) + 1;
  return `${text.slice(0, afterBegin)}${block}\n${text.slice(endAt)}`;
}

/** Recipes whose generated block differs from package.json's languages. */
export function outOfDate(write: boolean): string[] {
  const languages = manifestLanguages();
  const stale: string[] = [];
  for (const r of recipes) {
    const file = path.join(root, r.file);
    const text = fs.readFileSync(file, 'utf8');
    const next = synced(text, r.comment, r.block(languages), r.file);
    if (next !== text) {
      stale.push(r.file);
      if (write) fs.writeFileSync(file, next);
    }
  }
  return stale;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const stale = outOfDate(!check);
  if (stale.length === 0) console.log('editor recipes are up to date');
  else if (check) {
    console.error(`out of date: ${stale.join(', ')}: run npm run sync:editors`);
    process.exit(1);
  } else console.log(`wrote ${stale.join(', ')}`);
}
