/**
 * Hovers for CUCM SDL signal lines: `NNNNNNNN.NNN |hh:mm:ss.mmm |SdlSig |Signal |state |receiver |sender
 * |...|[flags] data`. Says which process sent which signal to which, in what state, with the
 * Name(cluster,node,process,instance) parts named, and the call leg (CI) it concerns.
 */
import { escapeMarkdown, inlineCode, table, type Cell } from '../render/markdown';
import type { ExplainMatch, Explainer } from './types';

const SIG =
  /^(\d{8}\.\d{3}) \|(\d{2}:\d{2}:\d{2}\.\d{3}) \|(SdlSig(?:-[IO])?) {0,8}\|([A-Za-z]\w{0,60}) {0,60}\|([^|\r\n]{0,60})\|([^|\r\n]{0,80})\|([^|\r\n]{0,80})\|([^|\r\n]{0,120})\|?([^\r\n]{0,2000})/;
const PROCESS = /^([A-Za-z]\w{0,60})\((\d{1,5}),(\d{1,5}),(\d{1,5}),(\d{1,9})\)$/;

function processCell(text: string): Cell[] {
  const p = PROCESS.exec(text.trim());
  if (!p) return [{ raw: text.trim() ? inlineCode(text.trim()) : '' }, ''];
  return [{ raw: inlineCode(p[1]!) }, `cluster ${p[2]}, node ${p[3]}, process type ${p[4]}, instance ${p[5]}`];
}

export const sdlSignalExplainer: Explainer = {
  id: 'sdl-signal',
  find(record: string, ctx): ExplainMatch[] {
    if (ctx.formatId !== undefined && ctx.formatId !== 'cucm_sdl') return [];
    const m = SIG.exec(record);
    if (!m) return [];
    const start = m[0].indexOf(m[4]!);
    return [
      {
        start,
        end: start + m[4]!.length,
        render: () => {
          const ci = /(?<![\w])CI=(\d{1,10})/.exec(m[9] ?? '');
          const rows: Cell[][] = [
            [
              'Signal',
              { raw: inlineCode(m[4]!) },
              m[4]!.endsWith('Req')
                ? 'a request'
                : m[4]!.endsWith('Res') || m[4]!.endsWith('Cnf')
                  ? 'an answer'
                  : m[4]!.endsWith('Ind')
                    ? 'an indication'
                    : '',
            ],
            ['State of the receiver', { raw: inlineCode(m[5]!.trim() || '(none)') }, ''],
            ['To', ...processCell(m[6]!)],
            ['From', ...processCell(m[7]!)],
          ];
          if (ci) rows.push(['Call leg', { raw: inlineCode(`CI=${ci[1]}`) }, 'the CUCM call leg the signal is about']);
          return [
            `**SDL signal** ${inlineCode(m[4]!)} at ${escapeMarkdown(m[2]!)} (line ${escapeMarkdown(m[1]!)})`,
            table(['Part', 'Value', 'Meaning'], rows),
          ].join('\n\n');
        },
      },
    ];
  },
};
