import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import test from 'ava';
import {readInput} from '../../source/edge/input.js';

const dir = mkdtempSync(join(tmpdir(), 'errdoctor-input-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));

const body = '{"type": "authentication-error", "status": 401}';
const noStdin = () => {
	throw new Error('stdin was asked for while reading a FILE');
};

test('a regular file is read whole, and stdin is never asked for', async (t) => {
	const file = join(dir, 'body.json');
	writeFileSync(file, body);
	t.deepEqual(await readInput(file, noStdin), {ok: true, text: body});
});

test('a regular file over the cap is refused by its size, pointing at scan', async (t) => {
	const file = join(dir, 'big.log');
	writeFileSync(file, 'x'.repeat(2048));
	const result = await readInput(file, noStdin, 1024);
	t.false(result.ok);
	if (!result.ok) {
		t.is(result.exitCode, 2);
		t.regex(result.message, /larger than .* MiB.*errdoctor scan/s);
	}
});

test('- reads the stdin stream, with the same cap', async (t) => {
	t.deepEqual(await readInput('-', () => Readable.from([Buffer.from(body)])), {ok: true, text: body});
	const big = await readInput('-', () => Readable.from([Buffer.alloc(600, 0x78), Buffer.alloc(600, 0x78)]), 1024);
	t.like(big, {ok: false, exitCode: 2});
});

test('a FIFO is streamed, not read by its size (which is 0)', async (t) => {
	const fifo = join(dir, 'fifo');
	t.is(spawnSync('mkfifo', [fifo]).status, 0);
	const writer = spawn('sh', ['-c', `printf '%s' '${body}' > '${fifo}'`]);
	const written = new Promise((resolve) => writer.on('close', resolve));
	t.deepEqual(await readInput(fifo, noStdin), {ok: true, text: body});
	t.is(await written, 0);
});

test('a missing file and a directory are one clear line each, exit 2', async (t) => {
	t.deepEqual(await readInput(join(dir, 'absent.json'), noStdin), {
		ok: false,
		exitCode: 2,
		message: `cannot read ${join(dir, 'absent.json')}: no such file`,
	});
	const directory = await readInput(dir, noStdin);
	t.like(directory, {ok: false, exitCode: 2});
	if (!directory.ok) t.regex(directory.message, /^cannot read .*: it is a directory, not a file$/);
});

test('a device is refused at once, unread: /dev/zero would never end and /dev/tty would wait for a key', async (t) => {
	t.deepEqual(await readInput('/dev/zero', noStdin), {
		ok: false,
		exitCode: 2,
		message: 'cannot read /dev/zero: it is a character device, not a regular file',
	});
});

test('a FIFO over the cap is cut off at the cap, not read to its end', async (t) => {
	const fifo = join(dir, 'endless');
	t.is(spawnSync('mkfifo', [fifo]).status, 0);
	const writer = spawn('sh', ['-c', `yes > '${fifo}'`]);
	t.like(await readInput(fifo, noStdin, 4096), {ok: false, exitCode: 2});
	writer.kill();
});

test('empty and binary files are refused with exit 3', async (t) => {
	const empty = join(dir, 'empty.txt');
	writeFileSync(empty, '  \n');
	t.like(await readInput(empty, noStdin), {ok: false, exitCode: 3});
	const binary = join(dir, 'binary.bin');
	writeFileSync(binary, Buffer.from([0x7b, 0x00, 0x01, 0x02]));
	t.like(await readInput(binary, noStdin), {ok: false, exitCode: 3});
});
