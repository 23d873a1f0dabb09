// Runs the integration tests (test/out/integration/suite) inside a real VS Code with @vscode/test-electron.
//
// Which VS Code:
// - VSCODE_EXECUTABLE=<path of a desktop VS Code binary>: that one.
// - CC_LOGS_VSCODE=download: the desktop VS Code that @vscode/test-electron downloads (needs internet;
//   CC_LOGS_VSCODE_VERSION picks the version, default stable).
// - otherwise: VS Code 1.139.1 from the npm package code-server, driven in Chromium by
//   scripts/vscode/code-test-driver.mjs, which installs what it needs into .vscode-test/ on first use. This works
//   without internet access, and in CI.
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

// This file runs from test/out/integration/runTest.js.
const repoRoot = path.resolve(__dirname, '..', '..', '..');

function vscodeExecutable(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE) return path.resolve(process.env.VSCODE_EXECUTABLE);
  if (process.env.CC_LOGS_VSCODE === 'download') return undefined;
  const driver = path.join(repoRoot, 'scripts', 'vscode', 'code-test-driver.mjs');
  // runTests spawns the executable directly: make sure a checkout that lost the mode bit can still run it.
  fs.chmodSync(driver, 0o755);
  return driver;
}

async function main(): Promise<void> {
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) {
    throw new Error(`${extensionTestsPath} is missing: build first (node scripts/build.mjs)`);
  }
  // A fresh profile every run, so that no state of an earlier run (open editors, settings) leaks in.
  const profileDir = path.join(repoRoot, '.vscode-test', 'integration');
  fs.rmSync(profileDir, { recursive: true, force: true });
  const vscodeExecutablePath = vscodeExecutable();
  await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.CC_LOGS_VSCODE_VERSION ?? 'stable' }),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [
      path.join(repoRoot, 'samples'),
      '--disable-extensions',
      `--user-data-dir=${path.join(profileDir, 'user-data')}`,
      `--extensions-dir=${path.join(profileDir, 'extensions')}`,
    ],
  });
}

main().catch((error: unknown) => {
  console.error(`integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
