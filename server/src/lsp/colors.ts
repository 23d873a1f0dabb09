/**
 * textDocument/documentColor and colorPresentation: colour values in logs (the chat widget's
 * configuration) get swatches and a picker. Finding them is the decoder's job.
 */
import type { Color, ColorInformation, ColorPresentation, Range } from 'vscode-languageserver';
import { findColors, colorText } from '../decode/colors';
import { LineIndex } from '../model/lines';

const MAX_COLORS = 2000;

export function documentColors(text: string): ColorInformation[] {
  const out: ColorInformation[] = [];
  if (text.indexOf('#') < 0) return out;
  const lines = new LineIndex(text);
  for (let line = 0; line < lines.count && out.length < MAX_COLORS; line++) {
    const s = lines.start(line);
    const e = lines.end(line);
    const hash = text.indexOf('#', s);
    if (hash < 0) break;
    if (hash >= e) {
      line = lines.lineAt(hash) - 1;
      continue;
    }
    const lineText = text.slice(s, Math.min(e, s + 1_000_000));
    for (const c of findColors(lineText)) {
      out.push({
        range: { start: { line, character: c.start }, end: { line, character: c.end } },
        color: { red: c.red, green: c.green, blue: c.blue, alpha: c.alpha },
      });
      if (out.length >= MAX_COLORS) break;
    }
  }
  return out;
}

export function colorPresentations(color: Color, range: Range): ColorPresentation[] {
  const label = colorText(color);
  return [{ label, textEdit: { range, newText: label } }];
}
