// The extension tests' entry point: VS Code loads this module in the extension host and calls run().
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The reporter writes to the extension host's stdout: the desktop VS Code started by the tests prints it, and so
  // does the offline driver (scripts/vscode/code-test-driver.mjs). console.log would only reach the window's log.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    process.stdout.write(format(...args) + '\n');
  };
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: !process.env.NO_COLOR });
  const testFiles = fs
    .readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of testFiles) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve, reject) => {
    if (testFiles.length === 0) {
      reject(new Error(`no *.test.js files under ${__dirname}`));
      return;
    }
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
