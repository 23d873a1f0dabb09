/**
 * Open documents and the index read records with one set of rules (the text's shape, the heads of
 * records, the time rules): a line gets the same instant in the editor's record model and in the
 * index, including where a file mixes its own lines with grep output.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinRegistry } from '../../server/src/formats/registry';
import { LogModel } from '../../server/src/model/logModel';
import { tempFolder, workspaceOver } from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function engineLine(n: number, time: string, message: string): string {
  return `${n}: Aug 06 ${time} IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-15] RouteAndQueueSubsystemLogger: ${message}`;
}

describe('record model and index agree', function () {
  this.timeout(30_000);

  it('date a grep-prefixed line among a file’s own lines alike (its own stamp, not the record above)', async () => {
    const temp = tempFolder('agree-');
    const lines = [
      engineLine(3841220, '09:30:00.100', 'queue check'),
      engineLine(3841221, '09:31:00.200', 'queue check'),
      `Cisco001MIVR046.log:17:${engineLine(3841229, '10:45:05.877', `ALLOCATED Contact [${CONTACT}] to Agent [Jabber@ge.nt4]`)}`,
      engineLine(3841230, '10:46:00.300', 'queue check'),
      engineLine(3841231, '10:47:00.400', 'queue check'),
      engineLine(3841232, '10:48:00.500', 'queue check'),
      engineLine(3841233, '10:49:00.600', 'queue check'),
      engineLine(3841234, '10:50:00.700', 'queue check'),
    ];
    const file = path.join(temp.dir, 'Cisco001MIVR045.log');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const ws = await workspaceOver([temp.dir]);
    try {
      const keyId = ws.index.keyId(`contact:${CONTACT}`);
      assert.ok(keyId >= 0, 'the index names the contact');
      const { hits } = ws.index.hits([keyId]);
      assert.equal(hits.length, 1);
      assert.equal(hits[0].line, 2);

      const registry = builtinRegistry();
      const model = LogModel.build(fs.readFileSync(file, 'utf8'), {
        registry,
        format: registry.byId('uccx_engine')!,
        fileDate: fs.statSync(file).mtime,
      });
      const documentInstant = model.instantOf(model.recordAt(2));
      assert.equal(model.recordStartLine(model.recordAt(2)), 2, 'the grep line is a record of its own');
      assert.ok(documentInstant === documentInstant, 'the document dates the line');
      assert.equal(new Date(hits[0].instant).toISOString(), new Date(documentInstant).toISOString());
    } finally {
      await ws.dispose();
      temp.remove();
    }
  });
});
