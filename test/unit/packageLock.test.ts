import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `npm ci` installs what package-lock.json says; a lock whose root entry disagrees with package.json is rewritten
 * by the next `npm install` on a fresh clone, so what was tested is not what gets installed.
 */
describe('package-lock.json', () => {
  const root = path.resolve(__dirname, '..', '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const lockedRoot = lock.packages[''];

  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    it(`lists the same ${field} as package.json`, () => {
      assert.deepEqual(lockedRoot[field] ?? {}, manifest[field] ?? {});
    });
  }

  it('locks every declared package at a version its range accepts', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const name of Object.keys(declared)) {
      const entry = lock.packages[`node_modules/${name}`];
      assert.ok(entry?.version, `${name} is declared but not locked`);
    }
  });
});
