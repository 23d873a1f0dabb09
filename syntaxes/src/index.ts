/**
 * The list of log grammars: language id, scope name, generated file and the source that builds it.
 * scripts/build-grammars.ts writes the files, test/grammar/grammars.json and the package.json
 * `contributes.grammars` block from this list.
 */
import { chatConsoleGrammar } from './chat-console';
import { eceGrammar } from './ece';
import { icmToolsGrammar, icmTraceGrammar } from './icm';
import type { Grammar, GrammarEntry } from './model';
import { socialMinerGrammar } from './socialminer';
import { uccxGrammar } from './uccx';

const JSON_EMBED = { 'meta.embedded.block.json': 'json' };
const XML_EMBED = { 'meta.embedded.block.xml': 'xml' };

function entry(
  languageId: string,
  source: string,
  grammar: Grammar,
  embeddedLanguages?: Record<string, string>,
): GrammarEntry {
  const expectedScope = `text.log.cisco.${languageId.replace(/^cisco-/, '')}`;
  if (grammar.scopeName !== expectedScope) {
    throw new Error(`${languageId}: scopeName ${grammar.scopeName}, expected ${expectedScope}`);
  }
  return {
    languageId,
    scopeName: grammar.scopeName,
    path: `syntaxes/${languageId}.tmLanguage.json`,
    source,
    grammar,
    ...(embeddedLanguages ? { embeddedLanguages } : {}),
  };
}

export function grammarEntries(): GrammarEntry[] {
  return [
    entry(
      'cisco-uccx-engine',
      'syntaxes/src/uccx.ts',
      uccxGrammar({ name: 'Cisco UCCX engine log (MIVR)', scopeName: 'text.log.cisco.uccx-engine', product: 'MIVR' }),
      { ...XML_EMBED, ...JSON_EMBED },
    ),
    entry(
      'cisco-uccx-admin',
      'syntaxes/src/uccx.ts',
      uccxGrammar({
        name: 'Cisco UCCX administration log (MADM)',
        scopeName: 'text.log.cisco.uccx-admin',
        product: 'MADM',
      }),
      { ...XML_EMBED, ...JSON_EMBED },
    ),
    entry(
      'cisco-jtapi',
      'syntaxes/src/uccx.ts',
      uccxGrammar({ name: 'Cisco JTAPI client log', scopeName: 'text.log.cisco.jtapi', product: 'JTAPI' }),
      { ...XML_EMBED, ...JSON_EMBED },
    ),
    entry('cisco-socialminer', 'syntaxes/src/socialminer.ts', socialMinerGrammar(), { ...XML_EMBED, ...JSON_EMBED }),
    entry('cisco-ece', 'syntaxes/src/ece.ts', eceGrammar(), { ...XML_EMBED, ...JSON_EMBED }),
    entry('cisco-icm-trace', 'syntaxes/src/icm.ts', icmTraceGrammar()),
    entry('cisco-icm-tools', 'syntaxes/src/icm.ts', icmToolsGrammar()),
    entry('cisco-chat-console', 'syntaxes/src/chat-console.ts', chatConsoleGrammar(), JSON_EMBED),
  ];
}

/** Grammars the log grammars include; the editor provides them (VS Code's built-in JSON and XML). */
export const EXTERNAL_SCOPES: Readonly<Record<string, string>> = {
  'source.json': 'json',
  'text.xml': 'xml',
};
