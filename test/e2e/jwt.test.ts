import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair} from 'jose';
import {cliEnv, cliPath, runCli} from '../helpers/cli.js';
import {mintJwt, segment} from '../helpers/jwt.js';
import {parseReport} from '../helpers/report.js';

const now = '2024-03-01T12:00:00Z';
const nowSeconds = Date.parse(now) / 1000;

const run = (args: string[], input = '') => runCli(args, {input});

type JwtJson = {
	jwts: Array<{
		source: string;
		header: Record<string, unknown>;
		payload: Record<string, unknown> | null;
		expiresAt: string | null;
		expired: boolean | null;
		issues: string[];
		signature?: string;
	}>;
};

/** Text output with wrapped lines joined again, for matching phrases wherever the terminal width broke them. */
const flat = (text: string): string => text.replaceAll(/\n +/g, ' ');

function json(args: string[], input = ''): JwtJson {
	const {status, stdout, stderr} = run(['jwt', '--json', '--now', now, ...args], input);
	if (status !== 0) throw new Error(`exit ${status}: ${stderr}`);
	return JSON.parse(stdout) as JwtJson;
}

const secret = 'correct-horse-battery-staple-4f9a';
const keys = {
	dir: '',
	rsToken: '',
	hsToken: '',
	pem: '',
	privatePem: '',
	otherPem: '',
	ecPem: '',
	jwk: '',
	jwks: '',
	otherJwks: '',
	noKidToken: '',
	twoKeyJwks: '',
	notAKey: '',
	empty: '',
};

test.before(async () => {
	keys.dir = mkdtempSync(path.join(tmpdir(), 'errdoctor-jwt-'));
	const file = (name: string, content: string): string => {
		const target = path.join(keys.dir, name);
		writeFileSync(target, content);
		return target;
	};

	const rsa = await generateKeyPair('RS256', {extractable: true});
	const other = await generateKeyPair('RS256', {extractable: true});
	const ec = await generateKeyPair('ES256', {extractable: true});
	keys.rsToken = await new SignJWT({sub: 'user-1', exp: nowSeconds + 3600})
		.setProtectedHeader({alg: 'RS256', kid: 'current'})
		.sign(rsa.privateKey);
	keys.hsToken = await new SignJWT({sub: 'user-2'})
		.setProtectedHeader({alg: 'HS256'})
		.sign(new TextEncoder().encode(secret));
	keys.pem = file('public.pem', await exportSPKI(rsa.publicKey));
	keys.privatePem = file('private.pem', await exportPKCS8(rsa.privateKey));
	keys.otherPem = file('other.pem', await exportSPKI(other.publicKey));
	keys.ecPem = file('ec.pem', await exportSPKI(ec.publicKey));
	keys.jwk = file('public.jwk', JSON.stringify({...(await exportJWK(rsa.publicKey)), kid: 'current'}));
	// A private JWK member in a JWKS is dropped: verifying needs the public part only.
	const withPrivate = {...(await exportJWK(rsa.privateKey)), kid: 'current'};
	keys.jwks = file(
		'jwks.json',
		JSON.stringify({keys: [{...(await exportJWK(other.publicKey)), kid: 'old'}, withPrivate]}),
	);
	keys.otherJwks = file(
		'other-jwks.json',
		JSON.stringify({keys: [{...(await exportJWK(other.publicKey)), kid: 'old'}]}),
	);
	// Without a `kid` on either side, both RSA keys fit the token: jose hands them over one by one.
	keys.noKidToken = await new SignJWT({sub: 'user-3'}).setProtectedHeader({alg: 'RS256'}).sign(rsa.privateKey);
	keys.twoKeyJwks = file(
		'two-key-jwks.json',
		JSON.stringify({keys: [await exportJWK(other.publicKey), await exportJWK(rsa.publicKey)]}),
	);
	keys.notAKey = file('not-a-key.json', '{"hello": "world"}');
	keys.empty = file('empty.txt', '\n');
});

test.after.always(() => {
	rmSync(keys.dir, {recursive: true, force: true});
});

test('alg none is flagged, and never verifies even with a secret', (t) => {
	const unsigned = `${segment({alg: 'none'})}.${segment({sub: 'a'})}.`;
	const text = run(['jwt', '--now', now, unsigned]);
	t.is(text.status, 0);
	t.regex(text.stdout, /alg: none: the token is unsigned/);
	const [entry] = json(['--secret', secret, unsigned]).jwts;
	t.is(entry?.signature, 'invalid');
	t.true(entry?.issues.some((issue) => issue.startsWith('alg: none')));
	t.true(entry?.issues.includes('signature: alg none: an unsigned token never verifies'));
});

test('times as strings, floats and milliseconds are flagged', (t) => {
	const [entry] = json([
		mintJwt({exp: String(nowSeconds + 60), iat: nowSeconds - 0.5, nbf: (nowSeconds - 60) * 1000}),
	]).jwts;
	t.is(entry?.expiresAt, null, 'a string exp is not read as a time');
	t.is(entry?.expired, null);
	const issues = entry?.issues.join('\n') ?? '';
	t.regex(issues, /`exp` is a string/);
	t.regex(issues, /`iat` has a fraction/);
	t.regex(
		issues,
		/`nbf` is 1709294340000, which looks like milliseconds \(read as milliseconds: 2024-03-01T11:59:00\.000Z\)/,
	);
});

test('non-finite and out-of-range times are flagged', (t) => {
	const raw = `${segment({alg: 'HS256'})}.${segment('{"exp":1e400,"nbf":-5,"iat":true}')}.c2ln`;
	const {stdout, status} = run(['jwt', '--now', now, raw]);
	t.is(status, 0);
	t.regex(stdout, /`exp` is not a finite number/);
	t.regex(stdout, /`nbf` is negative \(-5\), before 1970/);
	t.regex(stdout, /`iat` is a boolean, not a number of seconds/);
});

test('a JWE shows its header only', (t) => {
	const jwe = `${segment({alg: 'dir', enc: 'A256GCM', kid: 'enc-1'})}..aXY.Y2lwaGVydGV4dA.dGFn`;
	const text = run(['jwt', '--now', now, jwe]);
	t.is(text.status, 0);
	t.regex(text.stdout, /enc A256GCM/);
	t.regex(text.stdout, /Claims: not readable/);
	t.regex(text.stdout, /this is a JWE \(5 parts, encrypted\)/);
	const [entry] = json(['--secret', secret, jwe]).jwts;
	t.is(entry?.payload, null);
	t.deepEqual(entry?.header, {alg: 'dir', enc: 'A256GCM', kid: 'enc-1'});
	t.is(entry?.signature, 'not-checked');
});

test('a token of two parts is flagged, its claims still shown', (t) => {
	const twoParts = `${segment({alg: 'HS256'})}.${segment({sub: 'two', exp: nowSeconds - 8000})}`;
	const {stdout, status} = run(['jwt', '--now', now, twoParts]);
	t.is(status, 0);
	t.regex(stdout, /the token has 2 parts; a JWT has 3/);
	t.regex(stdout, /sub two/);
});

test('exp, nbf and iat are shown as ISO times relative to the reference time, and its source is named', (t) => {
	const jwt = mintJwt({exp: nowSeconds - 7980, iat: nowSeconds - 10_800, nbf: nowSeconds + 300});
	const flagged = flat(run(['jwt', '--now', now, jwt]).stdout);
	t.regex(flagged, /exp 1709286420 → 2024-03-01T09:47:00\.000Z, expired 2 h 13 min before the reference time/);
	t.regex(flagged, /iat 1709283600 → 2024-03-01T09:00:00\.000Z, 3 h before the reference time/);
	t.regex(flagged, /nbf 1709294700 → 2024-03-01T12:05:00\.000Z, 5 min after the reference time/);
	t.regex(flagged, /Reference time 2024-03-01T12:00:00\.000Z, from --now/);
	t.regex(run(['jwt', jwt]).stdout, /Reference time \S+, from this computer's clock/);
});

test('Bearer and Authorization prefixes are stripped, as one argument, two, or on stdin', (t) => {
	const jwt = mintJwt({sub: 'prefixed'});
	for (const [args, input] of [
		[['jwt', '--json', `Bearer ${jwt}`], ''],
		[['jwt', '--json', 'Bearer', jwt], ''],
		[['jwt', '--json'], `Authorization: Bearer ${jwt}\n`],
		[['jwt', '--json', '-'], `  bearer ${jwt}  `],
	] as const) {
		const {status, stdout, stderr} = run([...args], input);
		t.is(status, 0, stderr);
		const {jwts} = JSON.parse(stdout) as JwtJson;
		t.is(jwts.length, 1);
		t.is(jwts[0]?.source, 'paste');
		t.is(jwts[0]?.payload?.['sub'], 'prefixed');
	}
});

test('every JWT in a longer paste on stdin is decoded, with its line', (t) => {
	const access = mintJwt({sub: 'access'});
	const id = mintJwt({sub: 'id'}, {alg: 'RS256', kid: 'k'});
	const paste = `Ticket #4411: login fails.\ncurl -H "Authorization: Bearer ${access}" https://api.example.com\n{"id_token": "${id}"}\n`;
	const {jwts} = json(['-'], paste);
	t.deepEqual(
		jwts.map((entry) => [entry.source, entry.payload?.['sub']]),
		[
			['paste:line 2', 'access'],
			['paste:line 3', 'id'],
		],
	);
});

test('--json has exactly the report jwts[] shape plus issues, and never the token itself', (t) => {
	const jwt = mintJwt({sub: 'shape', exp: nowSeconds - 60 * 61, password: 'hunter2-p4ss'});
	const mine = json([jwt]).jwts[0]!;
	t.deepEqual(Object.keys(mine), ['source', 'header', 'payload', 'expiresAt', 'expired', 'issues']);
	const report = run(['explain', '--json', '--now', now], jwt);
	t.is(report.status, 0, report.stderr);
	const [fromReport] = (JSON.parse(report.stdout) as JwtJson).jwts;
	const {issues, ...rest} = mine;
	t.deepEqual(rest, fromReport, 'the same mapping as the explain report, redaction included');
	t.deepEqual(issues, []);
	t.is(mine.expired, true);
	t.false(report.stdout.includes('hunter2-p4ss'));
	const {stdout} = run(['jwt', '--json', jwt]);
	t.false(stdout.includes(jwt.split('.')[1]!), 'no token segment in --json');
	t.false(stdout.includes(jwt.split('.')[2]!));
});

test('--secret verifies an HS256 token and is never echoed', (t) => {
	t.is(json(['--secret', secret, keys.hsToken]).jwts[0]?.signature, 'valid');
	const wrong = json(['--secret', 'not-the-secret-9q', keys.hsToken]).jwts[0]!;
	t.is(wrong.signature, 'invalid');
	t.true(wrong.issues.some((issue) => issue.startsWith('signature: the signature does not match --secret')));
	const rs = json(['--secret', secret, keys.rsToken]).jwts[0]!;
	t.is(rs.signature, 'invalid', 'an RS256 token never verifies with a shared secret');
	t.true(rs.issues.some((issue) => issue.includes('needs an RSA key')));
	for (const args of [
		['jwt', '--secret', secret, keys.hsToken],
		['jwt', '--json', '--secret', secret, keys.hsToken],
		['jwt', '--secret', secret, '--key', keys.pem, keys.hsToken],
		['jwt', '--secret', secret, 'not-a-token'],
	]) {
		const {stdout, stderr} = run(args);
		t.false(stdout.includes(secret) || stderr.includes(secret), args.join(' '));
	}

	const text = run(['jwt', '--secret', secret, keys.hsToken]).stdout;
	t.regex(text, /Signature valid: the signature verifies with --secret/);
	t.false(text.includes('Signature invalid'));
});

test('--secret-file reads the secret from a file or a pipe, drops one line break, and never echoes it', (t) => {
	const withNewline = path.join(keys.dir, 'secret.txt');
	writeFileSync(withNewline, `${secret}\n`);
	const withCrlf = path.join(keys.dir, 'secret-crlf.txt');
	writeFileSync(withCrlf, `${secret}\r\n`);
	for (const file of [withNewline, withCrlf]) {
		t.is(json(['--secret-file', file, keys.hsToken]).jwts[0]?.signature, 'valid', file);
	}

	// A second line break is part of the secret, so the signature no longer matches.
	const twoBreaks = path.join(keys.dir, 'secret-two-breaks.txt');
	writeFileSync(twoBreaks, `${secret}\n\n`);
	const wrong = json(['--secret-file', twoBreaks, keys.hsToken]).jwts[0]!;
	t.is(wrong.signature, 'invalid');
	t.true(wrong.issues.some((issue) => issue.startsWith('signature: the signature does not match --secret-file')));

	// Process substitution hands over a FIFO, whose size reads 0.
	const piped = spawnSync(
		'bash',
		['-c', 'node "$0" jwt --json --secret-file <(printf %s "$1") "$2"', cliPath, secret, keys.hsToken],
		{encoding: 'utf8', env: cliEnv()},
	);
	t.is(piped.status, 0, piped.stderr);
	t.is((JSON.parse(piped.stdout) as JwtJson).jwts[0]?.signature, 'valid');

	const text = run(['jwt', '--secret-file', withNewline, keys.hsToken]);
	t.regex(text.stdout, /Signature valid: the signature verifies with --secret-file/);
	t.false(text.stdout.includes(secret) || text.stderr.includes(secret));
});

test('--key verifies with a PEM public key, a private key PEM, a JWK and a JWKS; a wrong key does not', (t) => {
	for (const file of [keys.pem, keys.privatePem, keys.jwk, keys.jwks]) {
		t.is(json(['--key', file, keys.rsToken]).jwts[0]?.signature, 'valid', file);
	}

	const other = json(['--key', keys.otherPem, keys.rsToken]).jwts[0]!;
	t.is(other.signature, 'invalid');
	t.true(other.issues.some((issue) => issue.includes('the signature does not match --key')));
	const ec = json(['--key', keys.ecPem, keys.rsToken]).jwts[0]!;
	t.is(ec.signature, 'invalid');
	t.true(ec.issues.some((issue) => issue.includes('alg RS256, which needs an RSA key') && issue.includes('EC P-256')));
	const noKid = json(['--key', keys.otherJwks, keys.rsToken]).jwts[0]!;
	t.is(noKid.signature, 'invalid');
	t.true(noKid.issues.some((issue) => issue.includes('no key in --key')));
	t.is(json(['--key', keys.twoKeyJwks, keys.noKidToken]).jwts[0]?.signature, 'valid', 'any fitting JWKS key will do');
	t.is(json(['--key', keys.otherJwks, keys.noKidToken]).jwts[0]?.signature, 'invalid');
	// The classic confusion: an HS256 token "signed" with the public key must not verify against it.
	t.is(json(['--key', keys.pem, keys.hsToken]).jwts[0]?.signature, 'invalid');
	t.is(json([keys.rsToken]).jwts[0]?.signature, undefined, 'no signature field without --secret or --key');
});

test('exit codes: 3 when no JWT is found, 2 on usage errors, never a stack trace', (t) => {
	for (const [args, input] of [
		[['jwt', 'hello'], ''],
		[['jwt', 'Bearer', 'sk_live_4f9a2c71e8b04d3a'], ''],
		[['jwt', '-'], 'Hello team, the token does not work.\n'],
		[['jwt'], ''],
	] as const) {
		const {status, stderr, stdout} = run([...args], input);
		t.is(status, 3, args.join(' '));
		t.is(stdout, '');
		t.is(stderr.trim().split('\n').length, 1);
	}

	for (const args of [
		['jwt', '--secret', secret, '--key', keys.pem, keys.hsToken],
		['jwt', '--key', path.join(keys.dir, 'missing.pem'), keys.hsToken],
		['jwt', '--key', keys.notAKey, keys.hsToken],
		['jwt', '--key', cliPath, keys.hsToken],
		['jwt', '--secret', '', keys.hsToken],
		['jwt', '--secret', secret, '--secret-file', keys.pem, keys.hsToken],
		['jwt', '--secret-file', path.join(keys.dir, 'missing.txt'), keys.hsToken],
		['jwt', '--secret-file', keys.empty, keys.hsToken],
		['jwt', '--secret-file', keys.dir, keys.hsToken],
		['jwt', '--secret-file', '', keys.hsToken],
		['jwt', '--now', 'yesterday', keys.hsToken],
		['jwt', '--bogus', keys.hsToken],
	]) {
		const {status, stderr} = run(args);
		t.is(status, 2, args.join(' '));
		t.false(/^ +at /m.test(stderr), 'no stack trace');
	}

	t.regex(run(['jwt', '--key', keys.notAKey, keys.hsToken]).stderr, /neither a JWK \(with "kty"\) nor a JWKS/);
});

test('claims are escaped for the terminal and shortened', (t) => {
	const jwt = mintJwt({name: 'evil \u001B[2J \u001B]52;c;AAAA\u0007 \u202E', long: 'x'.repeat(1000)});
	const {stdout} = run(['jwt', jwt]);
	t.false(stdout.includes('\u001B'));
	t.false(stdout.includes('\u0007'));
	t.false(stdout.includes('\u202E'));
	t.regex(stdout, /name evil ␛\[2J/);
	const joined = stdout.replaceAll(/\s+/g, '');
	t.true(joined.includes(`long${'x'.repeat(200)}…(1000characters)`));
});

test('a token with a 5 MB payload decodes from stdin without crashing', (t) => {
	const big = mintJwt({sub: 'big', blob: 'a'.repeat(5 * 1024 * 1024), exp: nowSeconds + 60});
	const started = Date.now();
	const {status, stdout, stderr} = run(['jwt', '--now', now, '-'], big);
	t.is(status, 0, stderr);
	t.regex(stdout, /sub big/);
	t.regex(flat(stdout), /expires 1 min after the reference time/);
	t.true(stdout.length < 10_000, 'the huge claim is shortened');
	t.true(Date.now() - started < 20_000);
});

test('explain reports JWTs from the request body and response Set-Cookie with their sources', (t) => {
	const refresh = mintJwt({sub: 'refresh'});
	const id = mintJwt({sub: 'id'});
	const session = mintJwt({sub: 'session'});
	const paste = [
		`curl -X POST https://login.example.com/oauth/token -d 'grant_type=refresh_token&refresh_token=${refresh}'`,
		`curl -X POST https://login.example.com/session -H 'Content-Type: application/json' -d '{"id_token": "${id}"}'`,
	];
	const response = `HTTP/1.1 401 Unauthorized\r\nSet-Cookie: session=${session}; HttpOnly\r\nContent-Type: application/json\r\n\r\n{"error": "invalid_grant"}\r\n`;
	const sources = (input: string): string[] => {
		const report = parseReport<JwtJson>(run(['explain', '--json', '--now', now], input).stdout);
		return report.jwts.map((jwt) => jwt.source);
	};
	t.deepEqual(sources(`${paste[0]}\n\n${response}`), ['request-body:refresh_token', 'set-cookie:session']);
	t.deepEqual(sources(`${paste[1]}\n`), ['request-body:$.id_token']);
});
