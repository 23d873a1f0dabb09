/**
 * `npm run check:flows [file.json...]`: checks the built-in flows (and any flow files given) against the shape
 * flow.schema.json describes, the formats they name, and their sample lines, printing each problem with its file
 * and JSON path. Exits 1 when any flow is broken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_FLOW_FILES } from '../server/src/flows/builtin';
import { compileFlows, formatFlowProblems } from '../server/src/flows/compile';
import { builtinFormatsDirectory, FormatRegistry } from '../server/src/formats/registry';

const files = [...BUILTIN_FLOW_FILES];
for (const f of process.argv.slice(2)) {
  try {
    files.push({ file: JSON.parse(fs.readFileSync(f, 'utf8')) as unknown, source: path.basename(f) });
  } catch (e) {
    console.log(`${f}: cannot be read as JSON: ${(e as Error).message}`);
    process.exit(1);
  }
}
const formats = new Set(FormatRegistry.load([builtinFormatsDirectory()]).formats.map((f) => f.id));
const { flows, problems } = compileFlows(files, formats);
if (problems.length > 0) console.log(formatFlowProblems(problems));
console.log(`${problems.length} problem(s); ${flows.length} flow(s) loaded: ${flows.map((f) => f.def.id).join(', ')}`);
process.exit(problems.length > 0 ? 1 : 0);
