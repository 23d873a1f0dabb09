/**
 * A broken or hostile client: the server must end when its input ends or cannot be read (never hang,
 * never buffer a body that does not come), and keep the protocol's manners: cancelled requests
 * answer RequestCancelled, bad params InvalidParams, requests after shutdown InvalidRequest, and
 * `exit` ends the process.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentLength, FramingError, FramingGuard, MAX_BODY_BYTES } from '../../server/src/lsp/framing';
import { SERVER_JS } from './helpers/lspClient';
import { frame, RawServer } from './helpers/rawServer';

const root = path.join(__dirname, '..', '..');
const MIVR = fs.readFileSync(path.join(root, 'samples', 'uccx', 'Cisco001MIVR045.log'), 'utf8');

describe('server manners toward a broken client', function () {
  this.timeout(60_000);
  const servers: RawServer[] = [];
  const start = async (init = true): Promise<RawServer> => {
    const s = new RawServer();
    servers.push(s);
    if (init) await s.initialize();
    return s;
  };

  before(() => {
    if (!fs.existsSync(SERVER_JS))
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  });
  afterEach(() => {
    for (const s of servers.splice(0)) s.kill();
  });

  describe('input that ends or cannot be read', () => {
    it('exits within 2 s of its stdin closing, while its parent (this process) lives', async () => {
      const s = await start();
      s.child.stdin!.end();
      assert.ok(await s.exitsWithin(2000), 'the server is still running 2 s after its input ended');
      assert.equal((await s.exited).code, 1, 'exit code 1: no shutdown was asked');
    });

    for (const [name, header] of [
      ['without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
      ['with a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
      ['with a Content-Length that is not a number', 'Content-Length: lots\r\n\r\n{}'],
      ['with a Content-Length no message may have', `Content-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n{`],
      ['that never ends', 'Content-Length: 2\r\n' + 'X-Padding: ' + 'a'.repeat(20_000)],
    ] as const) {
      it(`exits after a header ${name}, saying why`, async () => {
        const s = await start();
        s.raw(header);
        assert.ok(await s.exitsWithin(5000), 'the server hangs on a frame it cannot read');
        const error = s.answers(null)[0]?.error;
        assert.equal(error?.code, -32700, 'a parse error without id is answered first');
      });
    }

    it('exits when a wrong Content-Length runs into the next frame, after answering what came before', async () => {
      const s = await start();
      const shutdown = frame({ jsonrpc: '2.0', id: 1, method: 'shutdown' });
      s.raw(
        Buffer.concat([Buffer.from('Content-Length: 40\r\n\r\n{"jsonrpc":"2.0","method":"x"}'), shutdown, shutdown]),
      );
      assert.ok(await s.exitsWithin(5000));
    });

    it('answers a body that is not JSON with a parse error and goes on', async () => {
      const s = await start();
      s.raw('Content-Length: 9\r\n\r\nnot json!');
      s.send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
      assert.equal((await s.response(2)).error, undefined);
      assert.equal(s.answers(null)[0]?.error?.code, -32700);
    });
  });

  describe('framing checks on bytes alone', () => {
    it('reads Content-Length whatever the case of the name, with other headers', () => {
      assert.equal(contentLength('content-length: 12\r\nContent-Type: application/vscode-jsonrpc'), 12);
      assert.ok(contentLength('Content-Length: 1e3') instanceof FramingError);
      assert.ok(contentLength('Content-Length: 1\r\nContent-Length: 1') instanceof FramingError);
      assert.ok(contentLength('garbage') instanceof FramingError);
    });

    it('passes frames split at any byte unchanged, and stops at the first bad header', () => {
      const good = Buffer.concat([frame({ a: 1 }), frame({ b: 'é'.repeat(50) }), frame({})]);
      for (let cut = 0; cut <= good.length; cut++) {
        const out: Buffer[] = [];
        let broken: FramingError | undefined;
        const guard = new FramingGuard((e) => (broken = e));
        guard.on('data', (d: Buffer) => out.push(d));
        guard.write(good.subarray(0, cut));
        guard.write(good.subarray(cut));
        assert.equal(broken, undefined);
        assert.deepEqual(Buffer.concat(out), good);
      }
      const out: Buffer[] = [];
      let broken: FramingError | undefined;
      const guard = new FramingGuard((e) => (broken = e));
      guard.on('data', (d: Buffer) => out.push(d));
      guard.write(Buffer.concat([frame({ a: 1 }), Buffer.from('Content-Length: x\r\n\r\n'), frame({ b: 2 })]));
      assert.match(String(broken?.message), /not a length/);
      assert.deepEqual(Buffer.concat(out), frame({ a: 1 }));
    });
  });

  describe('protocol manners', () => {
    const hover = (id: number, uri = 'file:///tmp/cc-logs-manners/Cisco001MIVR045.log') => ({
      jsonrpc: '2.0',
      id,
      method: 'textDocument/hover',
      params: { textDocument: { uri }, position: { line: 3, character: 12 } },
    });

    it('answers null, missing and malformed params with InvalidParams (-32602)', async () => {
      const s = await start();
      s.send(
        { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: null },
        { jsonrpc: '2.0', id: 2, method: 'textDocument/hover' },
        { jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { position: { line: 0, character: 0 } } },
        { jsonrpc: '2.0', id: 4, method: 'textDocument/definition', params: { textDocument: { uri: 'file:///x' } } },
        { jsonrpc: '2.0', id: 5, method: 'textDocument/foldingRange', params: null },
        { jsonrpc: '2.0', id: 6, method: 'workspace/symbol', params: null },
        { jsonrpc: '2.0', id: 7, method: 'ccLogs/detectLanguage' },
      );
      for (const id of [1, 2, 3, 4, 5, 6, 7]) assert.equal((await s.response(id)).error?.code, -32602, `request ${id}`);
    });

    it('answers a request cancelled before its answer with RequestCancelled (-32800), once', async () => {
      const s = await start();
      s.send({
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: {
          textDocument: {
            uri: 'file:///tmp/cc-logs-manners/Cisco001MIVR045.log',
            languageId: 'cisco-uccx-engine',
            version: 1,
            text: MIVR,
          },
        },
      });
      const burst: object[] = [];
      for (let id = 10; id < 60; id++)
        burst.push(hover(id), { jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
      s.send(...burst);
      s.send(hover(99));
      for (let id = 10; id < 60; id++) assert.equal((await s.response(id)).error?.code, -32800, `request ${id}`);
      const answered = await s.response(99);
      assert.equal(answered.error, undefined, 'a request not cancelled is answered');
      assert.ok(answered.result, 'with a hover');
      for (let id = 10; id < 60; id++) assert.equal(s.answers(id).length, 1, `one answer to ${id}`);
      // A cancel for a request already answered, or never sent, changes nothing.
      s.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 99 } });
      s.send({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 12345 } });
      s.send(hover(100));
      assert.ok((await s.response(100)).result);
      assert.equal(s.answers(99).length, 1);
      assert.equal(s.answers(12345).length, 0);
    });

    it('answers requests after shutdown with InvalidRequest (-32600), and exit ends the process with 0', async () => {
      const s = await start();
      s.send({ jsonrpc: '2.0', id: 1, method: 'shutdown' });
      assert.equal((await s.response(1)).error, undefined);
      s.send(hover(2), { jsonrpc: '2.0', id: 3, method: 'shutdown' });
      assert.equal((await s.response(2)).error?.code, -32600);
      assert.equal((await s.response(3)).error?.code, -32600);
      s.send({ jsonrpc: '2.0', method: 'exit' });
      assert.ok(await s.exitsWithin(5000), 'exit ends the process');
      assert.equal((await s.exited).code, 0);
    });

    it('exit without shutdown ends the process with 1', async () => {
      const s = await start();
      s.send({ jsonrpc: '2.0', method: 'exit' });
      assert.ok(await s.exitsWithin(5000));
      assert.equal((await s.exited).code, 1);
    });
  });
});
