/** Command-line helpers shared by the benchmark scripts. */
import * as path from 'node:path';

/** `--name value` or `--name=value`; undefined when absent. */
export function option(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** The folder given with `--corpus`, resolved; without it, `usage` goes to stderr and the process exits (2). */
export function corpusOption(argv: readonly string[], usage: string): string {
  const corpus = option(argv, 'corpus');
  if (!corpus) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return path.resolve(corpus);
}

export function flag(argv: readonly string[], name: string): boolean {
  return argv.includes(`--${name}`);
}

/** `100M`, `1G`, `512k`, `2000000` → bytes (binary units). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]?)i?[bB]?$/.exec(text.trim());
  if (!m) throw new Error(`expected a size like 100M or 1G, found ${JSON.stringify(text)}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
