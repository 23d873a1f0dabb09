/**
 * The client's half of protocol/openFromDisk.ts: a saved log of 4 MB or more is opened by telling the
 * server where it is and how to check its copy, instead of sending its whole text; the usual `didOpen`
 * follows only if the server asks for it. The document manager of the server sees an ordinary open either way.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import {
  DidOpenFromDiskNotification,
  OPEN_FROM_DISK_MIN_CHARS,
  SendDocumentTextNotification,
  didOpenFromDiskParams,
} from '../../protocol/openFromDisk';

export class OpenFromDisk {
  /** Documents opened from disk whose `didOpen` with the text may still be asked for. */
  private readonly pending = new Map<string, () => Promise<void>>();
  /** What happened to each open document opened this way (for the integration tests). */
  readonly outcomes = new Map<string, 'fromDisk' | 'textAsked'>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** The `didOpen` middleware. */
  readonly didOpen: NonNullable<Middleware['didOpen']> = async (document, next) => {
    const client = this.client();
    const params = client ? this.params(document) : undefined;
    if (!client || !params) return next(document);
    const uri = document.uri.toString();
    this.pending.set(uri, () => next(document));
    this.outcomes.set(uri, 'fromDisk');
    await client.sendNotification(DidOpenFromDiskNotification.type, params);
  };

  /** The `didClose` middleware: a closed document's text is never asked for again. */
  readonly didClose: NonNullable<Middleware['didClose']> = async (document, next) => {
    this.pending.delete(document.uri.toString());
    this.outcomes.delete(document.uri.toString());
    return next(document);
  };

  /** Sends the usual `didOpen` when the server could not use its copy of the file. */
  listen(client: LanguageClient): vscode.Disposable {
    return client.onNotification(SendDocumentTextNotification.type, (p) => {
      const send = this.pending.get(p.uri);
      this.pending.delete(p.uri);
      if (send) this.outcomes.set(p.uri, 'textAsked');
      void send?.();
    });
  }

  private params(document: vscode.TextDocument): DidOpenFromDiskNotification.Params | undefined {
    if (document.uri.scheme !== 'file' || document.isDirty || document.isUntitled) return undefined;
    // The length without building the text: the offset of the end of the last line.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (length < OPEN_FROM_DISK_MIN_CHARS) return undefined;
    return didOpenFromDiskParams(
      { uri: document.uri.toString(), languageId: document.languageId, version: document.version },
      length,
      (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
    );
  }
}
