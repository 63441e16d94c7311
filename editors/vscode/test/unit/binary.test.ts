import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { discoverTreelint, INSTALL_COMMAND, isExecutableFile, type DiscoveryInput } from '../../src/binary';

function input(files: string[], overrides: Partial<DiscoveryInput> = {}): DiscoveryInput {
  const set = new Set(files);
  return {
    configuredPath: '',
    envPath: '/usr/bin:/opt/treelint/bin',
    platform: 'linux',
    workspaceFolder: '/srv/repo',
    home: '/home/ann',
    isExecutable: (f) => set.has(f),
    ...overrides,
  };
}

test('the first PATH entry that holds treelint wins', () => {
  const found = discoverTreelint(input(['/opt/treelint/bin/treelint', '/usr/local/bin/treelint'], { envPath: '/usr/bin:/opt/treelint/bin:/usr/local/bin' }));
  assert.deepEqual(found, { kind: 'found', path: '/opt/treelint/bin/treelint', source: 'PATH' });
});

test('the setting wins over PATH', () => {
  const found = discoverTreelint(input(['/usr/bin/treelint', '/custom/treelint'], { configuredPath: '/custom/treelint' }));
  assert.deepEqual(found, { kind: 'found', path: '/custom/treelint', source: 'setting' });
});

test('a relative setting resolves against the workspace folder, ~ against home', () => {
  assert.deepEqual(discoverTreelint(input(['/srv/repo/target/debug/treelint'], { configuredPath: 'target/debug/treelint' })), {
    kind: 'found',
    path: '/srv/repo/target/debug/treelint',
    source: 'setting',
  });
  assert.deepEqual(discoverTreelint(input(['/home/ann/.cargo/bin/treelint'], { configuredPath: '~/.cargo/bin/treelint' })), {
    kind: 'found',
    path: '/home/ann/.cargo/bin/treelint',
    source: 'setting',
  });
  assert.deepEqual(discoverTreelint(input(['/srv/repo/bin/treelint'], { configuredPath: '${workspaceFolder}/bin/treelint' })), {
    kind: 'found',
    path: '/srv/repo/bin/treelint',
    source: 'setting',
  });
});

test('a setting that points nowhere is reported, not silently replaced by PATH', () => {
  const found = discoverTreelint(input(['/usr/bin/treelint'], { configuredPath: '/nowhere/treelint' }));
  assert.equal(found.kind, 'missing');
  assert.match(found.kind === 'missing' ? found.message : '', /"treelint\.path" is "\/nowhere\/treelint"/);
});

test('nothing found: the message names the install command and the setting', () => {
  const found = discoverTreelint(input([]));
  assert.equal(found.kind, 'missing');
  const message = found.kind === 'missing' ? found.message : '';
  assert.ok(message.includes(INSTALL_COMMAND), message);
  assert.ok(message.includes('treelint.path'), message);
  assert.equal(INSTALL_COMMAND, 'cargo install --path crates/treelint');
});

test('blank setting and empty PATH entries are ignored', () => {
  const found = discoverTreelint(input(['treelint', '/usr/bin/treelint'], { configuredPath: '   ', envPath: '::/usr/bin' }));
  assert.deepEqual(found, { kind: 'found', path: '/usr/bin/treelint', source: 'PATH' });
});

test('on Windows PATH is split on ; and PATHEXT extensions are tried', () => {
  const found = discoverTreelint(
    input(['C:\\tools/treelint.exe'], { platform: 'win32', envPath: 'C:\\nothing;C:\\tools', pathExt: '.COM;.EXE' }),
  );
  assert.deepEqual(found, { kind: 'found', path: path.resolve('C:\\tools/treelint.exe'), source: 'PATH' });
});

test('the real probe accepts an executable file and rejects folders and plain files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treelint-bin-'));
  try {
    const exe = path.join(dir, 'treelint');
    fs.writeFileSync(exe, '#!/bin/sh\n');
    fs.chmodSync(exe, 0o755);
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(plain, '');
    fs.chmodSync(plain, 0o644);
    assert.equal(isExecutableFile(exe), true);
    assert.equal(isExecutableFile(dir), false);
    assert.equal(isExecutableFile(path.join(dir, 'missing')), false);
    if (process.platform !== 'win32' && process.getuid?.() !== 0) assert.equal(isExecutableFile(plain), false);
    const found = discoverTreelint({ configuredPath: '', envPath: dir, platform: process.platform, isExecutable: isExecutableFile });
    assert.deepEqual(found, { kind: 'found', path: exe, source: 'PATH' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
