/**
 * Checks format descriptions against their own sample lines, like `lnav -C`: each sample matches
 * exactly one pattern of its format (the named one, if given), yields the declared severity and
 * instant, and is not also claimed by another format.
 */
import { LogModel } from './logModel';
import { severityName } from '../formats/severity';
import { matchPatternAt, type CompiledFormat, type FormatProblem } from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';

export function checkFormats(registry: FormatRegistry): FormatProblem[] {
  const problems: FormatProblem[] = [...registry.problems];
  for (const f of registry.formats) checkSamples(registry, f, problems);
  return problems;
}

function checkSamples(registry: FormatRegistry, f: CompiledFormat, problems: FormatProblem[]): void {
  f.def.samples.forEach((sample, i) => {
    const path = `/samples/${i}`;
    const err = (message: string, level: 'error' | 'warning' = 'error') =>
      problems.push({ formatId: f.id, path, message, level });
    const matching = f.patterns.filter((p) => {
      p.sticky.lastIndex = 0;
      return p.sticky.test(sample.line);
    });
    if (matching.length === 0) {
      err(`sample matches no pattern: ${describeMismatch(f, sample.line)}`);
      return;
    }
    if (matching.length > 1)
      err(
        `sample matches ${matching.length} patterns (${matching.map((p) => p.name).join(', ')}); order decides`,
        'warning',
      );
    if (sample.pattern && matching[0].name !== sample.pattern) {
      err(`sample expected pattern "${sample.pattern}" but "${matching[0].name}" matched first`);
    }
    const year = sample.instant ? Number(sample.instant.slice(0, 4)) : undefined;
    const model = LogModel.build(sample.line, { registry, format: f, ...(year ? { settingsYear: year } : {}) });
    const record = model.parseRecord(0);
    if (!record) {
      err('sample does not form a record');
      return;
    }
    if (sample.severity && severityName(record.severity) !== sample.severity) {
      err(`sample severity: expected ${sample.severity}, found ${severityName(record.severity)}`);
    }
    if (sample.instant) {
      const found = record.time ? new Date(record.time.instant).toISOString() : 'no instant';
      if (found !== new Date(sample.instant).toISOString())
        err(`sample instant: expected ${sample.instant}, found ${found}`);
    }
    for (const other of registry.formats) {
      if (other === f || other.priority > f.priority) continue;
      if (matchPatternAt(other, sample.line, 0, sample.line.length) >= 0) {
        err(`sample is also matched by format "${other.id}": detection may confuse them`, 'warning');
      }
    }
  });
}

/** Names what was tried, and where each pattern's leading fixed part stops matching the sample. */
function describeMismatch(f: CompiledFormat, line: string): string {
  const tried = f.patterns.map((p) => {
    // Grow the longest prefix of the line that some leading portion of the pattern still matches.
    let reach = 0;
    for (let cut = p.sticky.source.length; cut > 0 && reach === 0; cut--) {
      let partial: RegExp;
      try {
        partial = new RegExp(p.sticky.source.slice(0, cut), 'y');
      } catch {
        continue;
      }
      partial.lastIndex = 0;
      const m = partial.exec(line);
      if (m && m[0].length > 0) reach = m[0].length;
    }
    return `${p.name}: matched up to column ${reach}\n    ${line.slice(0, 160)}\n    ${' '.repeat(Math.min(reach, 160))}^`;
  });
  return '\n  ' + tried.join('\n  ');
}
