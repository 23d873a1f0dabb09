/**
 * `npm run check:formats [dir...]`: loads the built-in formats (and any directories given) and checks
 * them against their samples, printing each problem with the JSON path that is wrong.
 */
import { checkFormats } from '../server/src/model/formatCheck';
import { builtinFormatsDirectory, FormatRegistry } from '../server/src/formats/registry';

const dirs = [builtinFormatsDirectory(), ...process.argv.slice(2)];
const problems = checkFormats(FormatRegistry.load(dirs));
for (const p of problems) console.log(`${p.level}: ${p.formatId} ${p.path}: ${p.message}`);
const errors = problems.filter((p) => p.level === 'error').length;
console.log(`${errors} error(s), ${problems.length - errors} warning(s) in ${dirs.join(', ')}`);
process.exit(errors > 0 ? 1 : 0);
