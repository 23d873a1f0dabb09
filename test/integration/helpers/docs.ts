// Opening sample logs and asking VS Code's own provider commands about them.
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

export function sampleUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests run with the samples folder open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Opens a sample and waits until it has the expected language (content sniffing may switch it). */
export async function openSample(languageId: string, ...parts: string[]): Promise<vscode.TextDocument> {
  const uri = sampleUri(...parts);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const current = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return waitFor(() => (current()?.languageId === languageId ? current() : undefined), {
    description: `${parts.join('/')} to have language ${languageId}`,
    timeoutMs: 30_000,
    lastSeen: () => String(current()?.languageId),
  });
}

/** Hover text at a position, as a reader sees it (Markdown escapes removed), once the server answers. */
export async function hoverText(
  doc: vscode.TextDocument,
  line: number,
  character: number,
  expect: RegExp,
): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          new vscode.Position(line, character),
        )) ?? [];
      last = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
        .join('\n');
      const text = plain(last);
      return expect.test(text) ? text : undefined;
    },
    {
      description: `a hover at ${line}:${character} matching ${expect}`,
      timeoutMs: 30_000,
      lastSeen: () => last.slice(0, 400),
    },
  );
}

export function plain(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>&~"':=$@^%])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
