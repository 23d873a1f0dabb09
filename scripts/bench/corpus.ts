/**
 * Writes a benchmark corpus: a realistic collected bundle of every log format this project reads,
 * from one seed, streamed to disk.
 *
 *   npm run bench:corpus -- --size 1G --out DIR [--seed 1]
 *
 * Layout (sizes are shares of --size, counted before compression):
 *   uccx/Cisco001MIVR001.log ...     engine log rolled every 3 MB, every 4th older roll .gz 20 %
 *   uccx/Cisco001MADM001.log ...     administration log, same rolling                         5 %
 *   socialminer/CCBU-runtime.*.log, CCBU-ccppublicapps.*.log (10 MB rolls, a few .gz)      15 %
 *   browser/console-export-*.log     bubble chat widget console exports                      0.5 %
 *   ece/eg_log_ECEAPP01_Listener.log ARM byte dumps; 10 % but at most 100 MB (the hover file)
 *   ece/eg_log_ECEAPP01_ApplicationServer.log   the rest of ECE (hundreds of MB at 1G)     25 %+
 *   cucm/SDL001_100_*.txt (each begins with its FileHead line), jtapi/CiscoJtapi*.log, cvp/CVP.*.log,
 *   finesse/Desktop-webservices.*.log,
 *   icm/rtr_YYMMDD.txt               one voice call stream across CUCM, JTAPI, CVP, Finesse, router 10 %
 *   icm/ctisvr_YYMMDD.txt, icm/opc_YYMMDD.txt   dumplog text, one file per day              14 %
 *   icm/{rttest,opctest,procmon}_pg1a_agents_N.txt                                          0.5 %
 *
 * The simulated period grows with the size (24 hours per GiB): about 5,000 chats and 300 ECE agents
 * a day, so ID densities stay those of a real day whatever the size. One followed contact and one
 * followed ECE agent appear across files; they are printed and written with their positions to
 * DIR/bench-ids.json, which `npm run bench` reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes, option, parseSize } from './args';
import { ChatStream } from './corpus/chatStream';
import { writeBrowser } from './corpus/families/browser';
import { writeApplicationServer, writeListener } from './corpus/families/ece';
import { writeCtiServer, writeOpc, writeTools } from './corpus/families/icm';
import { writePublicApps, writeRuntime } from './corpus/families/socialminer';
import { writeMadm, writeMivr } from './corpus/families/uccx';
import { writeCucmSdl, writeCvp, writeFinesse, writeJtapi, writeRouter } from './corpus/families/voice';
import type { FileStat } from './corpus/sink';
import { World } from './corpus/world';
import type { Known, WriterContext } from './corpus/writer';

export const IDS_FILE = 'bench-ids.json';
const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;
/** Flow A starts 2018-08-06 06:00 IST, flow B 2019-08-19 06:00 GMT (the samples' days). */
const START_A = Date.UTC(2018, 7, 6, 0, 30);
const START_B = Date.UTC(2019, 7, 19, 6, 0);
const CHAT_GAP_MS = 17_000;
export const HOVER_FILE = 'ece/eg_log_ECEAPP01_Listener.log';
const APPSERVER_FILE = 'ece/eg_log_ECEAPP01_ApplicationServer.log';
const FAMILY_DIRS = ['uccx', 'socialminer', 'browser', 'ece', 'icm', 'cucm', 'jtapi', 'cvp', 'finesse'];

interface Family {
  name: string;
  languageId: string;
  share: (size: number) => number;
  write: (ctx: WriterContext) => FileStat[];
}

const listenerBytes = (size: number): number => Math.min(100 * MiB, Math.round(size * 0.1));

const FAMILIES: Family[] = [
  { name: 'MIVR', languageId: 'cisco-uccx-engine', share: (s) => s * 0.2, write: writeMivr },
  { name: 'MADM', languageId: 'cisco-uccx-admin', share: (s) => s * 0.05, write: writeMadm },
  { name: 'SocialMiner runtime', languageId: 'cisco-socialminer', share: (s) => s * 0.07, write: writeRuntime },
  {
    name: 'SocialMiner ccppublicapps',
    languageId: 'cisco-socialminer',
    share: (s) => s * 0.08,
    write: writePublicApps,
  },
  { name: 'browser console', languageId: 'cisco-chat-console', share: (s) => s * 0.005, write: writeBrowser },
  {
    name: 'ECE Listener',
    languageId: 'cisco-ece',
    share: listenerBytes,
    write: (ctx) => writeListener(ctx, HOVER_FILE),
  },
  {
    name: 'ECE ApplicationServer',
    languageId: 'cisco-ece',
    share: (s) => s * 0.35 - listenerBytes(s),
    write: (ctx) => writeApplicationServer(ctx, APPSERVER_FILE),
  },
  { name: 'ctisvr', languageId: 'cisco-icm-trace', share: (s) => s * 0.08, write: writeCtiServer },
  { name: 'opc', languageId: 'cisco-icm-trace', share: (s) => s * 0.06, write: writeOpc },
  { name: 'rttest/opctest/procmon', languageId: 'cisco-icm-tools', share: (s) => s * 0.005, write: writeTools },
  { name: 'CUCM SDL', languageId: 'cisco-cucm', share: (s) => s * 0.035, write: writeCucmSdl },
  { name: 'JTAPI client', languageId: 'cisco-jtapi', share: (s) => s * 0.02, write: writeJtapi },
  { name: 'CVP Call Server', languageId: 'cisco-cvp', share: (s) => s * 0.02, write: writeCvp },
  { name: 'Finesse webservices', languageId: 'cisco-finesse', share: (s) => s * 0.015, write: writeFinesse },
  { name: 'router', languageId: 'cisco-icm-router', share: (s) => s * 0.01, write: writeRouter },
];

export interface CorpusFile extends FileStat {
  languageId: string;
}

export interface BenchIds {
  generator: string;
  seed: string;
  requestedBytes: number;
  /** Log bytes (gzip files counted decompressed), on-disk bytes, lines. */
  bytes: number;
  diskBytes: number;
  lines: number;
  simulatedHours: number;
  contactId: string;
  icmAgentId: number;
  contactAt: Known['contactAt'];
  agentAt: Known['agentAt'];
  hoverFile: string;
  files: CorpusFile[];
  generatorMBps: number;
}

function clearPrevious(out: string): void {
  if (!fs.existsSync(out)) return;
  const entries = fs.readdirSync(out);
  if (entries.length === 0) return;
  if (!entries.includes(IDS_FILE)) {
    throw new Error(`${out} is not empty and holds no ${IDS_FILE}: refusing to write a corpus over other files`);
  }
  for (const dir of FAMILY_DIRS) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
  fs.rmSync(path.join(out, IDS_FILE), { force: true });
}

function main(): void {
  const argv = process.argv.slice(2);
  const out = option(argv, 'out');
  const sizeText = option(argv, 'size') ?? '100M';
  const seed = option(argv, 'seed') ?? '1';
  if (!out) {
    process.stderr.write('usage: npm run bench:corpus -- --size 1G --out DIR [--seed 1]\n');
    process.exit(2);
  }
  const size = parseSize(sizeText);
  if (size < 4 * MiB) throw new Error('a corpus needs at least 4M');
  const root = path.resolve(out);
  clearPrevious(root);
  fs.mkdirSync(root, { recursive: true });

  const window = Math.max(20 * 60_000, Math.round((DAY_MS * size) / 1024 ** 3));
  const world = new World(seed, { uccxAgents: 200, eceAgents: 300, voiceAgents: 200 });
  const known: Known = {
    contactId: '',
    contactIndex: Math.max(3, Math.round((0.05 * window) / CHAT_GAP_MS)),
    icmAgentId: world.eceAgents[0].icmAgentId,
    contactAt: [],
    agentAt: [],
  };
  known.contactId = contactIdOf(seed, world, known.contactIndex);

  const began = process.hrtime.bigint();
  const files: CorpusFile[] = [];
  for (const family of FAMILIES) {
    const budget = Math.max(64 * 1024, Math.round(family.share(size)));
    const t0 = process.hrtime.bigint();
    const written = family.write({
      root,
      seed,
      world,
      startA: START_A,
      startB: START_B,
      window,
      budget,
      chatGapMs: CHAT_GAP_MS,
      known,
    });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const bytes = written.reduce((s, f) => s + f.bytes, 0);
    process.stderr.write(
      `  ${family.name.padEnd(26)} ${String(written.length).padStart(4)} file(s) ${formatBytes(bytes).padStart(10)}  ${(bytes / MiB / secs).toFixed(0)} MB/s\n`,
    );
    for (const f of written) files.push({ ...f, languageId: family.languageId });
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const bytes = files.reduce((s, f) => s + f.bytes, 0);
  const ids: BenchIds = {
    generator: 'scripts/bench/corpus.ts',
    seed,
    requestedBytes: size,
    bytes,
    diskBytes: files.reduce((s, f) => s + f.diskBytes, 0),
    lines: files.reduce((s, f) => s + f.lines, 0),
    simulatedHours: window / 3_600_000,
    contactId: known.contactId,
    icmAgentId: known.icmAgentId,
    contactAt: known.contactAt,
    agentAt: known.agentAt,
    hoverFile: HOVER_FILE,
    files,
    generatorMBps: bytes / MiB / seconds,
  };
  fs.writeFileSync(path.join(root, IDS_FILE), `${JSON.stringify(ids, null, 2)}\n`);
  process.stdout.write(
    `corpus ${root}: ${files.length} files, ${formatBytes(bytes)} of logs (${formatBytes(ids.diskBytes)} on disk), ${ids.lines.toLocaleString('en-US')} lines, ` +
      `${ids.simulatedHours.toFixed(1)} simulated hours, seed ${seed}\n` +
      `written in ${seconds.toFixed(1)} s: ${ids.generatorMBps.toFixed(0)} MB/s\n` +
      `followed contact id: ${known.contactId} (${known.contactAt.length} places noted)\n` +
      `followed ICM agent id: ${known.icmAgentId} (${known.agentAt.length} places noted)\n` +
      `ids and positions: ${path.join(root, IDS_FILE)}\n`,
  );
}

/** The contact id the chat stream gives chat `index` (the stream is deterministic). */
function contactIdOf(seed: string, world: World, index: number): string {
  const stream = new ChatStream({ seed, start: START_A, meanGapMs: CHAT_GAP_MS, world, knownIndex: index });
  for (;;) {
    const e = stream.next();
    if (e.chat.index === index) return e.chat.contactId;
  }
}

main();
