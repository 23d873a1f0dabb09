/**
 * Protocol manners the LSP library leaves to the server, enforced between the transport and the
 * connection so that every handler gets them:
 *
 * - `$/cancelRequest` for a request not answered yet answers it at once with RequestCancelled
 *   (-32800); the handler's token is cancelled too (the library does that) and its late answer is
 *   dropped, so every request gets exactly one answer.
 * - A request whose params are null, missing or not the shape its method needs (a `textDocument/`
 *   request without `textDocument.uri`, a position request without a position) answers
 *   InvalidParams (-32602) before any handler runs.
 * - After `shutdown`, requests answer InvalidRequest (-32600) and notifications other than `exit`
 *   are dropped; `exit` reaches the library, which ends the process.
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  Message,
  type ConnectionOptions,
  type DataCallback,
  type Disposable,
  type Event,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
  type PartialMessageInfo,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/** Requests that take no params. */
const NO_PARAMS = new Set(['shutdown']);
/** Requests about one position of a document. */
const POSITION_REQUESTS = new Set([
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/declaration',
  'textDocument/typeDefinition',
  'textDocument/implementation',
  'textDocument/references',
  'textDocument/documentHighlight',
  'textDocument/completion',
  'textDocument/signatureHelp',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/prepareCallHierarchy',
  'textDocument/prepareTypeHierarchy',
  'textDocument/moniker',
  'textDocument/linkedEditingRange',
]);

type Id = number | string | null;

/** What is wrong with a request's params, or undefined when they can be handled. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  if (NO_PARAMS.has(method)) return undefined;
  if (params === null || params === undefined) return `${method} needs params`;
  if (typeof params !== 'object') return `${method} params must be an object or array`;
  if (method.startsWith('textDocument/')) {
    const doc = (params as { textDocument?: unknown }).textDocument;
    if (typeof doc !== 'object' || doc === null || typeof (doc as { uri?: unknown }).uri !== 'string')
      return `${method} needs textDocument.uri`;
  }
  if (POSITION_REQUESTS.has(method)) {
    const pos = (params as { position?: unknown }).position;
    const ok = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 31;
    if (typeof pos !== 'object' || pos === null || !ok((pos as { line?: unknown }).line))
      return `${method} needs position.line, a non-negative integer`;
    if (!ok((pos as { character?: unknown }).character))
      return `${method} needs position.character, a non-negative integer`;
  }
  return undefined;
}

/** Wraps a transport's reader and writer with the manners above. */
export function withManners(
  reader: MessageReader,
  writer: MessageWriter,
  onShutdown: () => void = () => undefined,
): { reader: MessageReader; writer: MessageWriter } {
  /** Requests received and not answered yet. */
  const open = new Set<Id>();
  /** Requests answered here (cancelled): the handler's own answer is dropped. */
  const answeredHere = new Set<Id>();
  let shutDown = false;

  const answer = (id: Id | null, code: number, message: string): void => {
    const response: ResponseMessage = { jsonrpc: '2.0', id, error: { code, message } };
    writer.write(response).catch(() => undefined);
  };

  const filter = (message: Message, pass: DataCallback): void => {
    if (Message.isRequest(message)) {
      const request = message as RequestMessage;
      if (shutDown) return answer(request.id, ErrorCodes.InvalidRequest, 'the server is shut down');
      const problem = paramsProblem(request.method, request.params);
      if (problem) return answer(request.id, ErrorCodes.InvalidParams, problem);
      if (request.method === 'shutdown') {
        shutDown = true;
        onShutdown();
      }
      open.add(request.id);
      return pass(message);
    }
    if (Message.isNotification(message)) {
      const note = message as NotificationMessage;
      if (shutDown && note.method !== 'exit') return;
      if (note.method === '$/cancelRequest') {
        const id = (note.params as { id?: unknown } | null | undefined)?.id;
        if ((typeof id === 'number' || typeof id === 'string') && open.has(id)) {
          open.delete(id);
          answeredHere.add(id);
          answer(id, LSPErrorCodes.RequestCancelled, 'request cancelled');
        }
      }
      return pass(message);
    }
    pass(message);
  };

  const guardedReader: MessageReader = {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage as Event<PartialMessageInfo>,
    listen: (callback: DataCallback): Disposable => reader.listen((m) => filter(m, callback)),
    dispose: () => reader.dispose(),
  };

  const guardedWriter: MessageWriter = {
    onError: writer.onError,
    onClose: writer.onClose,
    write: (message: Message): Promise<void> => {
      if (Message.isResponse(message)) {
        const id = (message as ResponseMessage).id;
        if (id !== null && answeredHere.delete(id)) return Promise.resolve();
        if (id !== null) open.delete(id);
      }
      return writer.write(message);
    },
    end: () => writer.end(),
    dispose: () => writer.dispose(),
  };
  return { reader: guardedReader, writer: guardedWriter };
}

/**
 * Connection options that go with `withManners`: a request cancelled while still queued is not run
 * at all (its answer, RequestCancelled, was already sent by the reader above).
 */
export const CONNECTION_OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message: Message): ResponseMessage | undefined =>
      Message.isRequest(message)
        ? {
            jsonrpc: '2.0',
            id: (message as RequestMessage).id,
            error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' },
          }
        : undefined,
  },
};
