import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {formatCap, readFileOrPipe, readRegularFile} from '../../source/edge/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'errdoctor-read-file-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));

const fifo = (name: string): string => {
	const path = join(dir, name);
	execFileSync('mkfifo', [path]);
	return path;
};

test('a regular file is read whole, and a symbolic link to one is followed', (t) => {
	const file = join(dir, 'plain.json');
	writeFileSync(file, '{"a": 1}');
	symlinkSync(file, join(dir, 'link.json'));
	for (const path of [file, join(dir, 'link.json')]) {
		const read = readRegularFile(path, 1024);
		t.true(read.ok && read.bytes.toString() === '{"a": 1}', path);
	}
});

test('a regular file over the cap is refused with the cap in words', (t) => {
	const file = join(dir, 'big.json');
	writeFileSync(file, 'x'.repeat(2049));
	t.deepEqual(readRegularFile(file, 2048), {ok: false, problem: 'too-large', reason: 'it is larger than 2 KiB'});
	t.true(readRegularFile(file, 2049).ok);
});

test('a file whose size lies (procfs reports 0) is still read up to the cap, not past it', (t) => {
	t.like(readRegularFile('/proc/self/status', 16), {ok: false, problem: 'too-large'});
	const read = readRegularFile('/proc/self/status', 1024 * 1024);
	t.true(read.ok && read.bytes.toString().startsWith('Name:'));
});

test('a FIFO, a device, a link to a device and a directory are refused without waiting or reading', (t) => {
	const zeroLink = join(dir, 'zero.json');
	symlinkSync('/dev/zero', zeroLink);
	t.deepEqual(readRegularFile(fifo('config.json'), 1024), {
		ok: false,
		problem: 'not-regular',
		reason: 'it is a FIFO (named pipe), not a regular file',
	});
	for (const path of ['/dev/zero', zeroLink, '/dev/null']) {
		t.deepEqual(
			readRegularFile(path, 1024),
			{ok: false, problem: 'not-regular', reason: 'it is a character device, not a regular file'},
			path,
		);
	}

	t.deepEqual(readRegularFile(dir, 1024), {ok: false, problem: 'directory', reason: 'it is a directory, not a file'});
	t.deepEqual(readRegularFile(join(dir, 'absent'), 1024), {ok: false, problem: 'missing', reason: 'no such file'});
});

test('readFileOrPipe waits for a FIFO’s writer, as cat does, and reads until it closes', async (t) => {
	const path = fifo('late-writer');
	setTimeout(() => spawn('sh', ['-c', `printf secret > '${path}'`]), 200);
	const read = await readFileOrPipe(path, 1024);
	t.true(read.ok && read.bytes.toString() === 'secret');
});

test('readFileOrPipe stops an endless FIFO at the cap, and still refuses devices', async (t) => {
	const path = fifo('endless');
	const writer = spawn('sh', ['-c', `yes > '${path}'`]);
	t.deepEqual(await readFileOrPipe(path, 64 * 1024), {
		ok: false,
		problem: 'too-large',
		reason: 'it is larger than 64 KiB',
	});
	writer.kill();
	t.like(await readFileOrPipe('/dev/zero', 1024), {ok: false, problem: 'not-regular'});
});

test('caps are stated in the unit they were chosen in', (t) => {
	t.is(formatCap(64 * 1024 * 1024), '64 MiB');
	t.is(formatCap(1024), '1 KiB');
	t.is(formatCap(1000), '1000 bytes');
});
