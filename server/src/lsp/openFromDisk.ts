/**
 * `ccLogs/didOpenFromDisk` (protocol/openFromDisk.ts) turned into the `textDocument/didOpen` it stands
 * for, at the message reader, so that every part of the server (the document manager, the index,
 * problems) sees an ordinary open. The text is read from disk and used only when it is the text the
 * editor holds: the same length and the same pieces at the offsets the editor sampled. Otherwise the
 * client is asked for the text (`ccLogs/sendDocumentText`) and sends the usual `didOpen`.
 */
import * as fs from 'node:fs';
import { isAscii } from 'node:buffer';
import type {
  DataCallback,
  Disposable,
  Message,
  MessageReader,
  MessageWriter,
  NotificationMessage,
} from 'vscode-languageserver/node';
import { DidOpenFromDiskNotification, SendDocumentTextNotification } from '../../../protocol/openFromDisk';
import { pathOfUri } from '../index/workspaceIndex';

/** Larger files are never what VS Code hands over (its limit is 50 MB): not read. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The editor's text from disk, or why not: the check of `params` against the file. UTF-8 only (with or
 * without a byte order mark), decoded as VS Code decodes it (invalid bytes become U+FFFD), which is how it
 * opens logs unless told otherwise; not `model/textDecoding.ts` `decodeLogBytes`, whose Latin-1 reading of
 * invalid UTF-8 is the index's rule, not the editor's.
 */
export function textFromDisk(params: DidOpenFromDiskNotification.Params): { text: string } | { reason: string } {
  const filePath = pathOfUri(params.textDocument.uri);
  if (!filePath) return { reason: 'not a file: URI' };
  let bytes: Buffer;
  try {
    const size = fs.statSync(filePath).size;
    if (size > MAX_BYTES) return { reason: `the file has ${size} bytes` };
    bytes = fs.readFileSync(filePath);
  } catch (e) {
    return { reason: `cannot read the file: ${(e as Error).message}` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { reason: 'a UTF-16 file' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // ASCII read as Latin-1 is the same string, several times faster.
  const text = isAscii(body) ? body.toString('latin1') : body.toString('utf8');
  if (text.length !== params.length)
    return { reason: `the editor holds ${params.length} characters, the file ${text.length}` };
  for (const s of params.samples) {
    if (text.slice(s.offset, s.offset + s.text.length) !== s.text)
      return { reason: `the editor's text differs from the file at offset ${s.offset}` };
  }
  return { text };
}

function isWellFormed(params: unknown): params is DidOpenFromDiskNotification.Params {
  const p = params as DidOpenFromDiskNotification.Params | undefined;
  return (
    typeof p?.textDocument?.uri === 'string' &&
    typeof p.textDocument.languageId === 'string' &&
    Number.isInteger(p.textDocument.version) &&
    Number.isInteger(p.length) &&
    Array.isArray(p.samples) &&
    p.samples.length <= 1000 &&
    p.samples.every((s) => Number.isInteger(s?.offset) && typeof s.text === 'string')
  );
}

/** `reader` with `ccLogs/didOpenFromDisk` answered as above; `log` hears why a disk copy was refused. */
export function withOpenFromDisk(
  reader: MessageReader,
  writer: MessageWriter,
  log: (line: string) => void = () => undefined,
): MessageReader {
  const translate = (message: Message, pass: DataCallback): void => {
    const note = message as NotificationMessage;
    if (note.method !== DidOpenFromDiskNotification.method || 'id' in note) return pass(message);
    if (!isWellFormed(note.params)) return log(`${note.method}: malformed parameters, ignored`);
    const params = note.params;
    const found = textFromDisk(params);
    if ('text' in found) {
      const didOpen: NotificationMessage = {
        jsonrpc: '2.0',
        method: 'textDocument/didOpen',
        params: { textDocument: { ...params.textDocument, text: found.text } },
      };
      return pass(didOpen);
    }
    log(`${params.textDocument.uri}: not opened from disk (${found.reason}); asking the editor for the text`);
    const ask: NotificationMessage = {
      jsonrpc: '2.0',
      method: SendDocumentTextNotification.method,
      params: { uri: params.textDocument.uri, reason: found.reason } satisfies SendDocumentTextNotification.Params,
    };
    writer.write(ask).catch(() => undefined);
  };
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback: DataCallback): Disposable => reader.listen((m) => translate(m, callback)),
    dispose: () => reader.dispose(),
  };
}
