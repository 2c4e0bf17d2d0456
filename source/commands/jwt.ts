import process from 'node:process';
import {decodeJwt, pastedJwts} from '../core/jwt/decode.js';
import {checkSignature, type VerificationKey} from '../core/jwt/signature.js';
import type {ReferenceTime} from '../core/types.js';
import {readInput} from '../edge/input.js';
import {loadKeyFile, loadSecretFile, secretKey} from '../edge/jwt-key.js';
import {renderJwtJson, renderJwtText, type JwtEntry} from '../render/jwt.js';
import {UsageError, checkNow, terminalWidth, wantsColor, writeOut} from './shared.js';
import {parseCommandLine} from './flags.js';

const help = `
	Usage
	  $ errdoctor jwt [TOKEN|-]

	Decode JWTs locally (nothing is sent anywhere): TOKEN, or stdin when TOKEN is - or omitted.
	Takes a bare token, "Bearer <token>", "Authorization: Bearer <token>", or any text with JWTs in it.
	Shows header and claims, exp/nbf/iat as ISO times relative to the reference time, and the
	token's pitfalls (alg none, times as strings, floats or milliseconds, a JWE, not three parts).

	Options
	  --json          {"jwts": [...]}: each token as in the explain report, plus its issues
	  --now ISO       Judge exp, nbf and iat against this time (default: this computer's clock)
	  --secret TEXT   Check an HS256/HS384/HS512 signature with this shared secret
	                  (other users can see it in ps: prefer --secret-file)
	  --secret-file FILE
	                  The same, with the secret read from FILE (one trailing newline is
	                  dropped); also --secret-file <(pass show api/hs256)
	  --key FILE      Check the signature with a PEM public key, private key or certificate,
	                  a JWK or a JWKS file (never fetched from a network)

	Examples
	  $ errdoctor jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln
	  $ pbpaste | errdoctor jwt --now 2025-03-04T11:00:00Z
	  $ errdoctor jwt --key jwks.json < token.txt

	Exit codes: 0 decoded, 2 usage error, 3 no JWT found
`;

function referenceTime(now: string | undefined): ReferenceTime {
	return now === undefined
		? {iso: new Date().toISOString(), source: 'clock'}
		: {iso: new Date(Date.parse(now)).toISOString(), source: 'flag'};
}

type KeyFlags = {
	readonly secret: string | undefined;
	readonly secretFile: string | undefined;
	readonly key: string | undefined;
};

async function verificationKey({secret, secretFile, key}: KeyFlags): Promise<VerificationKey | null> {
	if ([secret, secretFile, key].filter((flag) => flag !== undefined).length > 1) {
		throw new UsageError('choose one of --secret, --secret-file and --key');
	}

	if (secret !== undefined) {
		// The message names the flag only: a secret must never be echoed.
		if (secret === '') throw new UsageError('--secret needs the shared secret as its value');
		return secretKey(secret);
	}

	const [file, load, what] =
		secretFile !== undefined
			? [secretFile, loadSecretFile, '--secret-file needs a FILE holding the shared secret']
			: [key, loadKeyFile, '--key needs a FILE: a PEM key or certificate, a JWK or a JWKS'];
	if (file === undefined) return null;
	if (file === '') throw new UsageError(what);
	const loaded = await load(file);
	if (!loaded.ok) throw new UsageError(loaded.message);
	return loaded.key;
}

/** `errdoctor jwt`: decode (and optionally verify) the JWTs in TOKEN or stdin. */
export async function jwtCommand(argv: readonly string[]): Promise<number> {
	const cli = await parseCommandLine(argv, help, {
		json: {type: 'boolean', default: false},
		now: {type: 'string'},
		secret: {type: 'string'},
		secretFile: {type: 'string'},
		key: {type: 'string'},
	});
	const {flags} = cli;
	checkNow(flags.now);
	const key = await verificationKey(flags);

	let text: string;
	if (cli.input.length === 0 || (cli.input.length === 1 && cli.input[0] === '-')) {
		if (cli.input.length === 0 && process.stdin.isTTY) await cli.showHelp(2);
		const input = await readInput('-', () => process.stdin);
		if (!input.ok) throw new UsageError(input.message, input.exitCode);
		text = input.text;
	} else {
		// `errdoctor jwt Bearer eyJ…` without quotes arrives as two arguments.
		text = cli.input.join(' ');
	}

	const reference = referenceTime(flags.now);
	const tokens = pastedJwts(text);
	if (tokens.length === 0) {
		throw new UsageError('found no JWT in the input (a JWT looks like eyJ….eyJ….<signature>)', 3);
	}

	const entries: JwtEntry[] = [];
	for (const [source, token] of tokens) {
		const jwt = decodeJwt(token, source, reference.iso);
		// One token at a time: a paste of many large tokens never holds every verification in memory at once.
		entries.push({jwt, signature: key ? await checkSignature(jwt, key) : null});
	}

	writeOut(
		flags.json
			? renderJwtJson(entries)
			: renderJwtText(entries, {color: wantsColor(), width: terminalWidth(), referenceTime: reference}),
	);
	return 0;
}
