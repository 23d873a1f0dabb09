/**
 * The flows shipped with the server, compiled once at load. A broken built-in flow file is a
 * programming error: loading throws with every problem and its JSON path (the unit tests load
 * them, so it never ships).
 */
import bubbleChat from './defs/bubble-chat.json';
import eceAgent from './defs/ece-agent.json';
import ucceCall from './defs/ucce-call.json';
import uccxCall from './defs/uccx-call.json';
import { compileFlows, formatFlowProblems } from './compile';
import type { CompiledFlow } from './types';

export const BUILTIN_FLOW_FILES: ReadonlyArray<{ file: unknown; source: string }> = [
  { file: bubbleChat, source: 'bubble-chat.json' },
  { file: eceAgent, source: 'ece-agent.json' },
  { file: uccxCall, source: 'uccx-call.json' },
  { file: ucceCall, source: 'ucce-call.json' },
];

let builtin: CompiledFlow[] | undefined;

export function builtinFlows(): CompiledFlow[] {
  if (!builtin) {
    const { flows, problems } = compileFlows(BUILTIN_FLOW_FILES);
    if (problems.length > 0) throw new Error(`broken flow definition:\n${formatFlowProblems(problems)}`);
    builtin = flows;
  }
  return builtin;
}
