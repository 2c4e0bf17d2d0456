import test from 'ava';
import {runChecks} from '../../../source/core/checks/index.js';
import {checkJwtExpired, checkJwtMalformed, checkJwtNotYetValid} from '../../../source/core/checks/jwt.js';
import {mintJwt, segment} from '../../helpers/jwt.js';
import {customerVerification, context, ids, only, referenceSeconds, request} from './helpers.js';

const cvUrl = 'https://api.example-verify.com/v1/customers';

test('Customer Verification TOKEN_EXPIRED with an expired Bearer JWT: jwt.expired with both times and the gap', (t) => {
	const token = mintJwt({sub: 'cst', exp: referenceSeconds - 2 * 3600 - 13 * 60});
	const results = runChecks(
		context({
			catalog: customerVerification,
			request: request('GET', cvUrl, [['Authorization', `Bearer ${token}`]]),
			body: {error: {code: 'TOKEN_EXPIRED', message: 'JWT token has expired'}},
			status: 401,
			code: 'TOKEN_EXPIRED',
			format: 'customer-verification',
		}),
	);
	const expired = only(results, 'jwt.expired');
	t.deepEqual(ids(expired), ['jwt.expired:fail']);
	t.is(
		expired[0]?.message,
		'the JWT in `Authorization` expired at 2024-03-01T09:47:00.000Z, 2 h 13 min before 2024-03-01T12:00:00.000Z ' +
			"(the reference time is the response's Date header): get a new token (refresh it) and send the request again",
	);
	t.deepEqual(ids(results, 'jwt.malformed'), []);
});

test('jwt.expired names the reference time source', (t) => {
	const token = mintJwt({exp: referenceSeconds - 600});
	const words = {
		flag: 'the reference time is --now',
		body: 'the reference time is a timestamp in the error body',
		clock: "the reference time is this machine's clock; pass --now with the time of the request",
	} as const;
	for (const [source, text] of Object.entries(words)) {
		const results = checkJwtExpired(context({bareToken: token, referenceSource: source as keyof typeof words}));
		t.true(results[0]!.message.includes(`(${text})`), source);
		t.true(results[0]!.message.startsWith('the pasted JWT expired at'));
	}
});

test('a valid token passes jwt.expired with the time left; skew is allowed', (t) => {
	const valid = checkJwtExpired(context({bareToken: mintJwt({exp: referenceSeconds + 3 * 3600})}));
	t.deepEqual(ids(valid), ['jwt.expired:pass']);
	t.is(
		valid[0]?.message,
		'the pasted JWT is valid until 2024-03-01T15:00:00.000Z, 3 h after the reference time 2024-03-01T12:00:00.000Z ' +
			"(the reference time is the response's Date header)",
	);
	t.deepEqual(ids(checkJwtExpired(context({bareToken: mintJwt({exp: referenceSeconds - 59})}))), ['jwt.expired:pass']);
	t.deepEqual(ids(checkJwtExpired(context({bareToken: mintJwt({exp: referenceSeconds - 61})}))), ['jwt.expired:fail']);
	t.deepEqual(checkJwtExpired(context({bareToken: mintJwt({sub: 'no exp'})})), []);
});

test('an encrypted token gets a manual jwt.expired, not jwt.malformed', (t) => {
	const header = segment({alg: 'RSA-OAEP', enc: 'A256GCM'});
	const jwe = `${header}.a2V5.aXY.Y2lwaGVy.dGFn`;
	const found = context({request: request('GET', cvUrl, [['Authorization', `Bearer ${jwe}`]])});
	t.deepEqual(ids(checkJwtExpired(found)), ['jwt.expired:manual']);
	t.deepEqual(checkJwtMalformed(found), []);
});

test('jwt.not-yet-valid: nbf fails, iat warns, within skew nothing', (t) => {
	const early = checkJwtNotYetValid(
		context({bareToken: mintJwt({nbf: referenceSeconds + 300, iat: referenceSeconds + 300})}),
	);
	t.deepEqual(ids(early), ['jwt.not-yet-valid:fail', 'jwt.not-yet-valid:warn']);
	t.regex(early[0]!.message, /^the pasted JWT is not valid before 2024-03-01T12:05:00\.000Z \(`nbf`\), 5 min after/);
	t.deepEqual(
		checkJwtNotYetValid(context({bareToken: mintJwt({nbf: referenceSeconds + 60, iat: referenceSeconds})})),
		[],
	);
});

test('jwt.malformed: broken Bearer tokens and rejected claims; a Dfns nonce is not a JWT', (t) => {
	const twoParts = `${segment({alg: 'HS256'})}.${segment({sub: 'a'})}`;
	const broken = checkJwtMalformed(
		context({request: request('GET', cvUrl, [['Authorization', `Bearer ${twoParts}`]])}),
	);
	t.deepEqual(ids(broken), ['jwt.malformed:fail']);
	t.regex(broken[0]!.message, /^the JWT in `Authorization`: the token has 2 parts/);

	const unsigned = mintJwt({sub: 'a'}, {alg: 'none'});
	t.deepEqual(ids(checkJwtMalformed(context({bareToken: unsigned}))), ['jwt.malformed:fail']);
	const stringExp = checkJwtMalformed(context({bareToken: mintJwt({exp: String(referenceSeconds)})}));
	t.deepEqual(ids(stringExp), ['jwt.malformed:fail']);
	const milliseconds = checkJwtMalformed(context({bareToken: mintJwt({exp: referenceSeconds * 1000})}));
	t.deepEqual(ids(milliseconds), ['jwt.malformed:warn']);

	const nonce = segment({date: '2024-03-01T12:00:00Z', uuid: 'a1'});
	const dfns = context({
		request: request('POST', 'https://api.dfns.io/auth/login', [
			['X-DFNS-NONCE', nonce],
			['Authorization', `Bearer ${mintJwt({exp: referenceSeconds + 60})}`],
		]),
	});
	t.deepEqual(checkJwtMalformed(dfns), []);
	t.deepEqual(checkJwtMalformed(context({bareToken: nonce})), []);
	t.deepEqual(checkJwtMalformed(context({bareToken: mintJwt({exp: referenceSeconds})})), []);
});
