/**
 * Outlines of the sample logs: what an engineer scans a file for (the chats and agents it names, its
 * warnings and errors, ARM messages other than heartbeats, dumplog days), each with its time.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { DocumentSymbol } from 'vscode-languageserver';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { documentSymbols } from '../../server/src/lsp/structure';
import { samplePath } from './fixtures/index/helpers';
import { modelOf } from './helpers/model';

function outlineOf(file: string): DocumentSymbol[] {
  const text = fs.readFileSync(samplePath(file), 'utf8');
  const format = detectFormat(builtinRegistry(), file, text.slice(0, 65_536))!.format.id;
  return documentSymbols(modelOf(text, format));
}

function flat(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flat(s.children ?? [])]);
}

const TIME = /^\d{2}:\d{2}:\d{2}\.\d{3} /;

describe('outlines of the sample logs', () => {
  it('lists the chats and agents of MIVR, MADM, SocialMiner, the browser console and the ECE application server', () => {
    const expected: Array<[string, RegExp]> = [
      ['uccx/Cisco001MIVR045.log', /^[\d:.]+ chat 4B1E93C7100001650D5B1A000A301647\b/],
      ['uccx/Cisco001MADM012.log', /^[\d:.]+ chat 4B1E93C7100001650D5B1A000A301647\b/],
      [
        'socialminer/CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
        /^[\d:.]+ chat 4B1E93C7100001650D5B1A000A301647\b/,
      ],
      ['socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log', /chat 4B1E93C7100001650D5B1A000A301647\b/],
      ['browser/console-export-2018-8-6_9-34-10.log', /chat room socialminer_chat\.37@conference\.127\.0\.0\.1/],
      ['ece/eg_log_ECEAPP01_ApplicationServer.log', /^13:31:51\.822 ECE user 1005 \(first named\)$/],
    ];
    for (const [file, name] of expected) {
      const symbols = flat(outlineOf(file));
      const entry = symbols.find((s) => name.test(s.name));
      assert.ok(entry, `${file}: ${name} in ${symbols.map((s) => s.name).join(' | ')}`);
      if (!file.startsWith('browser/')) assert.match(entry.name, TIME, `${file}: the time of ${entry.name}`);
    }
  });

  it('lists warnings and errors with their time and words', () => {
    const mivr = flat(outlineOf('uccx/Cisco001MIVR045.log'));
    const error = mivr.find((s) => s.name.includes(' ERROR: '));
    assert.ok(error);
    assert.match(error.name, /^09:22:02\.904 ERROR: .*Call aborted/);
    const appServer = flat(outlineOf('ece/eg_log_ECEAPP01_ApplicationServer.log'));
    assert.ok(
      appServer.some(
        (s) => s.name === '13:36:51.007 ERROR: Entry point 1099 not found or inactive; returning HTTP 404',
      ),
    );
    assert.ok(appServer.some((s) => s.name.startsWith('13:33:58.516 WARNING: Cache refresh of department 999')));
  });

  it('leaves heartbeats out of the ECE listener outline and gives each ARM message its time and agent', () => {
    const listener = flat(outlineOf('ece/eg_log_ECEAPP01_Listener.log'));
    assert.ok(!listener.some((s) => /HEARTBEAT_(REQ|CONF)$/.test(s.name)), 'no heartbeat entries');
    const login = listener.find((s) => s.name === '13:31:52.104 Sending MEDIA_LOGIN_REQ');
    assert.ok(login, listener.map((s) => s.name).join(' | '));
    assert.equal(login.detail, 'ECE user 1005, agent SkillTargetID 6420');
    const routable = listener.find((s) => s.name === '13:34:09.773 Sending MAKE_AGENT_ROUTABLE_IND');
    assert.equal(routable?.detail, 'agent SkillTargetID 6420');
    assert.ok(listener.length < 25, `${listener.length} entries`);
  });

  it('puts the agents of a dumplog trace under its day', () => {
    const ctisvr = outlineOf('icm/ctisvr_190819.txt');
    assert.equal(ctisvr.length, 1);
    assert.equal(ctisvr[0]!.name, 'Events from August 19, 2019:');
    const agent = ctisvr[0]!.children!.find((s) => s.name.includes(' agent SkillTargetID 6420'));
    assert.ok(agent);
    assert.match(agent.name, /^15:31:52\.172 /);
  });
});
