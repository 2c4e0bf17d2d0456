import test from 'ava';
import fc from 'fast-check';
import {hostKind, isCloudMetadata, parseIpv4, parseIpv6, type HostKind} from '../../../source/core/host-kind.js';
import {parseCurlCommand} from '../../../source/core/parts/curl.js';
import {isSensitiveHeaderName} from '../../../source/core/redact/index.js';
import {checkUrl, planRun, type PlanResult, type RunPlan} from '../../../source/core/run/plan.js';
import {commandLine, quoteWord} from '../../../source/core/run/shell-quote.js';
import type {CurlCommand} from '../../../source/core/types.js';

function parse(text: string): CurlCommand {
	const command = parseCurlCommand(text);
	if (command === null) throw new Error(`not parsed: ${text}`);
	return command;
}

const plan = (text: string): PlanResult => planRun(parse(text));

function accepted(text: string): RunPlan {
	const result = plan(text);
	if (!result.ok) throw new Error(`refused: ${result.refusals.join(' | ')}`);
	return result.plan;
}

/** Each case must be refused, and some refusal must match `reason` (the option as written and why). */
const refused = test.macro({
	exec(t, text: string, reason: RegExp) {
		const result = plan(text);
		t.false(result.ok, `${text} was accepted`);
		if (!result.ok)
			t.true(
				result.refusals.some((refusal) => reason.test(refusal)),
				result.refusals.join('\n'),
			);
	},
	title: (given, text) => given ?? `refuses ${text}`,
});

const url = 'https://api.dfns.io/wallets';

// Files written: long, short, clustered and attached forms.
test(refused, `curl --output out.txt ${url}`, /`--output`: saves the response to a file/);
test(refused, `curl -o out.txt ${url}`, /`-o` \(--output\): saves/);
test(refused, `curl -sSo out.txt ${url}`, /`--output` \(in `-sSo`\): saves/);
test(refused, `curl -oout.txt ${url}`, /`-o` \(--output\)/);
test(refused, `curl -sSoout.txt ${url}`, /`--output` \(in `-sSo`\)/);
test(refused, `curl -O ${url}`, /`-O` \(--remote-name\): saves/);
test(refused, `curl --remote-name ${url}`, /`--remote-name`: saves/);
test(refused, `curl -sLO ${url}`, /`--remote-name` \(in `-sLO`\)/);
test(refused, `curl --output-dir /tmp -O ${url}`, /`--output-dir`: saves/);
test(refused, `curl -D headers.txt ${url}`, /`-D` \(--dump-header\): writes a file/);
test(refused, `curl --dump-header - ${url}`, /`--dump-header`: writes a file/);
test(refused, `curl -sD- ${url}`, /`--dump-header` \(in `-sD`\)/);
test(refused, `curl -c jar.txt ${url}`, /`-c` \(--cookie-jar\): writes a file/);
test(refused, `curl --cookie-jar=jar.txt ${url}`, /`--cookie-jar`: writes a file/);
test(refused, `curl --trace log.txt ${url}`, /`--trace`: writes a file/);
test(refused, `curl --trace-ascii - ${url}`, /`--trace-ascii`: writes a file/);
test(refused, `curl -w '%{stderr}' ${url}`, /`-w` \(--write-out\): can write files/);
test(refused, `curl --write-out '%output{/tmp/x}' ${url}`, /`--write-out`: can write files/);
test(refused, `curl -sw x ${url}`, /`--write-out` \(in `-sw`\)/);
// Files read.
test(refused, `curl -K cfg ${url}`, /`-K` \(--config\): reads more options from a file/);
test(refused, `curl --config cfg ${url}`, /`--config`: reads more options/);
test(refused, `curl -sK cfg ${url}`, /`--config` \(in `-sK`\)/);
test(refused, `curl -Kcfg ${url}`, /`-K` \(--config\)/);
test(refused, `curl -T /etc/passwd ${url}`, /`-T` \(--upload-file\): uploads a file/);
test(refused, `curl --upload-file /etc/passwd ${url}`, /`--upload-file`: uploads/);
test(refused, `curl -T/etc/passwd ${url}`, /`-T` \(--upload-file\)/);
test(refused, `curl -F 'doc=@/etc/passwd' ${url}`, /`-F` \(--form\): builds a form that can read files/);
test(refused, `curl --form 'doc=</etc/passwd' ${url}`, /`--form`: builds a form/);
test(refused, `curl -d @/etc/passwd ${url}`, /`-d` \(--data\) @\/etc\/passwd: reads the body from a file/);
test(refused, `curl -d@/etc/passwd ${url}`, /`-d` \(--data\) @\/etc\/passwd: reads the body/);
test(refused, `curl -sd@body.json ${url}`, /`--data` \(in `-sd`\) @body\.json: reads the body/);
test(refused, `curl --data-binary @body.bin ${url}`, /`--data-binary` @body\.bin: reads the body/);
test(refused, `curl --json @body.json ${url}`, /`--json` @body\.json: reads the body/);
test(refused, `curl -H @headers.txt ${url}`, /`-H` \(--header\) @headers\.txt: reads headers from a file/);
test(refused, `curl -b cookies.txt ${url}`, /`-b` \(--cookie\) cookies\.txt: without `=` curl reads cookies/);
// `@` makes curl read a file even when the rest holds `=` (curl 7.88.1 read `-b @/tmp/ck=1` from that file).
test(refused, `curl -b @/path/with=sign ${url}`, /`-b` \(--cookie\) @\/path\/with=sign: with a leading `@` curl reads/);
test(refused, `curl --cookie=@jar=1 ${url}`, /`--cookie` @jar=1: with a leading `@`/);
test(refused, `curl -sb@/etc/a=b ${url}`, /`--cookie` \(in `-sb`\) @\/etc\/a=b: with a leading `@`/);
test(refused, `curl -b - ${url}`, /without `=` curl reads cookies from that file/);
test(refused, `curl --netrc-file ~/.netrc ${url}`, /`--netrc-file`: reads a file/);
test(refused, `curl --variable %HOME ${url}`, /`--variable`: reads files and environment variables/);
test(refused, `curl --expand-header 'X: {{HOME}}' ${url}`, /`--expand-header`: expands \{\{variables\}\}/);
test(refused, `curl --expand-url '{{u}}'`, /`--expand-url`: expands/);
// Somewhere else than the URL's host.
test(refused, `curl -x http://proxy:3128 ${url}`, /`-x` \(--proxy\): sends the request somewhere other/);
test(refused, `curl --proxy http://proxy:3128 ${url}`, /`--proxy`: sends the request somewhere other/);
test(refused, `curl -sx socks5://p ${url}`, /`--proxy` \(in `-sx`\)/);
test(refused, `curl --socks5-hostname p:1080 ${url}`, /`--socks5-hostname`: sends/);
test(refused, `curl --preproxy p ${url}`, /`--preproxy`: sends/);
test(refused, `curl --resolve api.dfns.io:443:127.0.0.1 ${url}`, /`--resolve`: sends/);
test(refused, `curl --connect-to ::127.0.0.1: ${url}`, /`--connect-to`: sends/);
test(refused, `curl --unix-socket /var/run/docker.sock http://localhost/containers/json`, /`--unix-socket`: sends/);
test(refused, `curl --abstract-unix-socket x ${url}`, /`--abstract-unix-socket`: sends/);
// More than one transfer.
test(refused, `curl ${url} --next https://example.com/`, /`--next`: starts another transfer/);
test(refused, `curl ${url} -: https://example.com/`, /`-:` \(--next\)/);
test(refused, `curl --parallel ${url}`, /`--parallel`: runs several transfers/);
test(refused, `curl -Z ${url}`, /`-Z` \(--parallel\)/);
test(refused, `curl 'https://api.dfns.io/wallets/{a,b}'`, /globbing/);
test(refused, `curl 'https://api.dfns.io/wallets?page=[1-100]'`, /globbing/);
test(refused, `curl ${url} https://api.uae.dfns.io/wallets`, /2 URLs .*: errdoctor run sends one request/);
// URLs.
test(refused, 'curl file:///etc/passwd', /"file:\/\/\/etc\/passwd" uses file:\/\/, not http or https/);
test(refused, 'curl --url FILE:///etc/passwd', /uses FILE:\/\//);
test(refused, 'curl -sS file:/etc/passwd', /uses file:, not http/);
test(refused, 'curl gopher://127.0.0.1:6379/_FLUSHALL', /uses gopher:\/\//);
test(refused, 'curl dict://127.0.0.1:11211/stats', /uses dict:\/\//);
test(refused, 'curl localhost:3000/health', /has no scheme/);
test(refused, `curl -- -oops`, /URL "-oops" starts with `-`/);
test(refused, `curl --url -o`, /URL "-o" starts with `-`/);
test(refused, `curl -X POST ${url} -- --output=x`, /URL "--output=x" starts with `-`/);
test(refused, `curl 'http://１２７.０.０.１/'`, /write it in ASCII/);
test(refused, `curl 'http://%31%32%37.0.0.1/'`, /write it in ASCII/);
test(refused, `curl 'http://a@b@127.0.0.1/'`, /more than one `@`/);
test(refused, `curl -X GET`, /no URL/);
// Values that would smuggle something in.
test(refused, `curl -H $'X-Note: a\\r\\nX-Injected: 1' ${url}`, /line break \(CR or LF\)/);
test(refused, `curl -H $'X-Note: a\\nX-Injected: 1' ${url}`, /line break/);
test(refused, `curl -A $'agent\\r\\nX-Injected: 1' ${url}`, /`-A` \(--user-agent\): holds a line break/);
test(refused, `curl -X 'GET / HTTP/1.1' ${url}`, /`-X` \(--request\) "GET \/ HTTP\/1\.1": use one of/);
test(refused, `curl -X TRACE ${url}`, /use one of GET, HEAD, POST/);
test(refused, `curl -u admin ${url}`, /`-u` \(--user\) needs user:password/);
test(refused, `curl ${url} -H`, /`-H` \(--header\) needs a value/);
test(refused, `curl --location-trusted -u a:b ${url}`, /`--location-trusted`: sends your credentials/);
test(refused, `curl -q ${url}`, /`-q` \(--disable\)/);
test(refused, `curl --frobnicate ${url}`, /`--frobnicate`: not a curl option errdoctor knows/);
test(refused, `curl -sW ${url}`, /`-W` \(in `-sW`\): not a curl option/);
test(refused, `curl --data-urlencode q=x ${url}`, /`--data-urlencode`: is not among the options/);
// Shell syntax and expansions (a pasted command is read, never given to a shell).
test(refused, `curl ${url} | sh`, /shell syntax `\| sh`/);
test(refused, `curl ${url}; rm -rf ~`, /shell syntax `; rm -rf ~`/);
test(refused, `curl ${url} && curl https://evil.example`, /shell syntax `&&`/);
test(refused, `curl https://api.dfns.io/wallets?a=1&b=2`, /shell syntax `&/);
test(refused, `curl ${url} > out.html`, /shell syntax `> out\.html`/);
test(refused, `curl ${url} 2>/dev/null`, /shell syntax `2>\/dev\/null`/);
test(refused, `curl -H "X-Who: $(id)" ${url}`, /command substitution `\$\(id\)`/);
test(refused, `curl -H X-Who:$(id) ${url}`, /command substitution `\$\(id\)`/);
test(refused, 'curl -H "X-Who: `id`" ' + url, /command substitution `` `id` ``|command substitution `\s*`id`/);
test(refused, `curl -H "Authorization: Bearer $TOKEN" ${url}`, /`\$TOKEN` is not expanded: .*substitute its value/);
test(refused, `curl "\${BASE_URL}/wallets"`, /`\$\{BASE_URL\}` is not expanded/);
test(
	refused,
	`C:\\Users\\me>curl -H "x-api-key: %API_KEY%" https://api.platform.dakota.xyz/customers`,
	/`%API_KEY%` is not/,
);
test(refused, 'curl -H "x-api-key: $env:API_KEY" `\n  https://api.platform.dakota.xyz/customers', /\$env:API_KEY/);

// -L carries -b cookies, credential headers and (after 307/308) the body to whatever host a redirect names.
test(
	refused,
	`curl -L -b session=abc ${url}`,
	/`-L` \(--location\) with the cookies of `-b` \(--cookie\): curl sends cookies given with `-b` to every host/,
);
test(
	refused,
	`curl -sSL -H 'X-Api-Key: dk_test_1' ${url}`,
	/`--location` \(in `-sSL`\) with the `X-Api-Key` header: curl sends headers given with `-H` to every host/,
);
test(
	refused,
	`curl --location -H 'Authorization: Bearer abc' ${url}`,
	/the `Authorization` header: curl holds back Authorization and Cookie headers from another host only in newer versions/,
);
test(refused, `curl -L -H 'Cookie: s=1' ${url}`, /the `Cookie` header: curl holds back/);
test(
	refused,
	`curl -L -X POST -d '{"password":"x"}' ${url}`,
	/the body of `-d` \(--data\): after a 307 or 308 redirect curl sends the body again/,
);
test(refused, `curl -L --json '{}' ${url}`, /the body of `--json`/);
test(
	refused,
	`curl -L -b a=1 -H 'X-Auth-Token: t' ${url}`,
	/the cookies of `-b` \(--cookie\), the `X-Auth-Token` header: .*; .*That is the leak `--location-trusted` is refused for; remove -L/,
);

test('-L alone, or with -u, harmless headers, a removed header or -G data, is passed on as --location', (t) => {
	// curl keeps -u credentials to the first host; -G puts the data in the first URL, not in a body.
	const {argv} = accepted(
		`curl -L -u user:pw -H 'Accept: application/json' -H 'X-Request-Id: r1' -H 'Authorization:' -G -d q=1 ${url}`,
	);
	t.true(argv.includes('--location'));
	t.true(accepted(`curl -L ${url}`).argv.includes('--location'));
});

test('-L is refused with exactly the headers redaction treats as credentials, whatever their spelling', (t) => {
	const names = [
		'Authorization',
		'authorization',
		'Proxy-Authorization',
		'Cookie',
		'X-Api-Key',
		'x-api-key',
		'Api-Key',
		'X-Auth-Token',
		'X-CSRF-Token',
		'X-Amz-Security-Token',
		'X-Goog-Api-Key',
		'X-DFNS-USERACTION',
		'X-Client-Secret',
		'X-Session-Id',
		'X-Signature',
		'Ocp-Apim-Subscription-Key',
		'X-Access-Key',
		'Private-Token',
		'X-Shopify-Access-Token',
		'Accept',
		'Content-Type',
		'X-Request-Id',
		'Idempotency-Key',
		'X-DFNS-NONCE',
		'User-Agent',
	];
	for (const name of names) {
		const result = plan(`curl -L -H '${name}: value-1234' ${url}`);
		t.is(result.ok, !isSensitiveHeaderName(name), name);
		if (!result.ok) t.regex(result.refusals.join('\n'), new RegExp(`\`${name}\` header`), name);
	}
});

test('every refusal is listed, not just the first', (t) => {
	const result = plan(`curl -o x -K y -T z 'file:///etc/passwd' | sh`);
	t.false(result.ok);
	if (!result.ok) t.is(result.refusals.length, 5, result.refusals.join('\n'));
});

test("'$(id)' in single quotes is literal: accepted and passed to curl as those bytes", (t) => {
	const {argv} = accepted(`curl -H 'X-Who: $(id)' -d '{"note": "$HOME \`id\`"}' ${url}`);
	t.deepEqual(argv.slice(argv.indexOf('--header'), -2), [
		'--header',
		'X-Who: $(id)',
		'--data',
		'{"note": "$HOME `id`"}',
	]);
});

test('argv starts with -q and our limits, passes allowed options in long form, in order, and ends with --url', (t) => {
	const {
		argv,
		method,
		host,
		url: target,
	} = accepted(
		`curl -sSiv -X POST https://api.dguard.ai/v1/refund/request -H 'Authorization: Bearer abc' ` +
			`-H "Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000" --data-raw '{"transaction_id":"txn_1"}' ` +
			`-u u:p -A agent/1 -e https://ref.example -b a=1 --compressed -G -I -g --no-progress-meter`,
	);
	t.is(argv[0], '-q');
	t.deepEqual(argv.slice(0, 14), [
		'-q',
		'--proto',
		'=http,https',
		'--proto-redir',
		'=http,https',
		'--max-redirs',
		'5',
		'--max-time',
		'30',
		'--max-filesize',
		'10M',
		'-g',
		'-sS',
		'-i',
	]);
	t.deepEqual(argv.slice(14), [
		'--request',
		'POST',
		'--header',
		'Authorization: Bearer abc',
		'--header',
		'Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000',
		'--data-raw',
		'{"transaction_id":"txn_1"}',
		'--user',
		'u:p',
		'--user-agent',
		'agent/1',
		'--referer',
		'https://ref.example',
		'--cookie',
		'a=1',
		'--compressed',
		'--get',
		'--head',
		'--url',
		'https://api.dguard.ai/v1/refund/request',
	]);
	t.is(method, 'POST');
	t.is(host, 'api.dguard.ai');
	t.is(target, 'https://api.dguard.ai/v1/refund/request');
});

test('--data-raw may start with @: curl sends it as it is', (t) => {
	t.deepEqual(accepted(`curl --data-raw @handle ${url}`).argv.slice(-4), ['--data-raw', '@handle', '--url', url]);
});

test('a Chrome "Copy as cURL (bash)" command is accepted as it is', (t) => {
	const run = accepted(
		"curl 'https://api.platform.dakota.xyz/customers' \\\n  -H 'accept: application/json' \\\n" +
			"  -H 'content-type: application/json' \\\n  -H 'x-api-key: dk_test_123' \\\n" +
			'  --data-raw $\'{"name":"A\\u00e9"}\' \\\n  --compressed',
	);
	t.is(run.method, 'POST');
	t.true(run.argv.includes('--compressed'));
	t.true(run.argv.includes('{"name":"Aé"}'));
});

test('warnings: GET to a public host has none; non-GET, loopback, private, link-local, metadata and -k do', (t) => {
	t.deepEqual(accepted(`curl ${url}`).warnings, []);
	t.deepEqual(accepted(`curl -I ${url}`).warnings, []);
	t.regex(accepted(`curl -X DELETE ${url}/wa-1`).warnings.join('\n'), /DELETE request: it can change data/);
	t.regex(accepted(`curl -d x=1 ${url}`).warnings.join('\n'), /POST request/);
	t.regex(accepted('curl http://localhost:8080/').warnings.join('\n'), /localhost:8080 is this machine/);
	t.regex(accepted('curl http://2130706433/').warnings.join('\n'), /2130706433 is this machine/);
	t.regex(accepted('curl http://0x7f.1/').warnings.join('\n'), /0x7f\.1 is this machine/);
	t.regex(accepted('curl http://[::1]:3000/').warnings.join('\n'), /\[::1\]:3000 is this machine/);
	t.regex(accepted('curl http://10.0.0.5/').warnings.join('\n'), /private network/);
	t.regex(accepted('curl http://[fe80::1%25eth0]/').warnings.join('\n'), /link-local/);
	t.regex(accepted('curl http://169.254.169.254/latest/').warnings.join('\n'), /cloud metadata service/);
	t.regex(accepted('curl http://0xa9fea9fe/').warnings.join('\n'), /cloud metadata service/);
	t.regex(accepted(`curl -k ${url}`).warnings.join('\n'), /-k: TLS certificates are not checked/);
	t.is(accepted('curl http://user:pw@Example.COM:81/x').host, 'example.com:81');
});

test('hostKind reads every IPv4 notation curl accepts, IPv6 literals, and localhost names', (t) => {
	const cases: Array<[string, HostKind]> = [
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['2130706433', 'loopback'],
		['0x7f.1', 'loopback'],
		['0x7f000001', 'loopback'],
		['0177.0.0.1', 'loopback'],
		['127.1', 'loopback'],
		['0', 'loopback'],
		['0.0.0.0', 'loopback'],
		['localhost', 'loopback'],
		['LOCALHOST.', 'loopback'],
		['api.localhost', 'loopback'],
		['10.1.2.3', 'private'],
		['012.1.2.3', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['172.32.0.1', 'other'],
		['172.15.255.255', 'other'],
		['192.168.0.1', 'private'],
		['3232235521', 'private'],
		['100.64.0.1', 'private'],
		['169.254.169.254', 'link-local'],
		['169.254.1.1', 'link-local'],
		['[::1]', 'loopback'],
		['[0:0:0:0:0:0:0:1]', 'loopback'],
		['[::]', 'loopback'],
		['[::ffff:127.0.0.1]', 'loopback'],
		['[::ffff:7f00:1]', 'loopback'],
		['[::ffff:10.0.0.1]', 'private'],
		['[fc00::1]', 'private'],
		['[fdff:ffff::1]', 'private'],
		['[fe80::1]', 'link-local'],
		['[febf::1]', 'link-local'],
		['[fe80::1%25eth0]', 'link-local'],
		['[fec0::1]', 'other'],
		['[2001:db8::1]', 'other'],
		['8.8.8.8', 'other'],
		['api.dfns.io', 'other'],
		['1.2.3.4.5', 'other'],
		['256.0.0.1', 'other'],
		['08.0.0.1', 'other'],
		['4294967296', 'other'],
	];
	for (const [host, kind] of cases) t.is(hostKind(host), kind, host);
});

test('parseIpv4 and parseIpv6 agree with the WHATWG URL parser on what they accept', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer({min: 0, max: 2 ** 32 - 1}).map(String),
					fc.integer({min: 0, max: 2 ** 32 - 1}).map((n) => '0x' + n.toString(16)),
					fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
					fc.tuple(fc.nat(255), fc.nat(70_000)).map(([a, b]) => `0${a.toString(8)}.${b}`),
				),
				(host) => {
					let whatwg: string | null = null;
					try {
						whatwg = new URL(`http://${host}/`).hostname;
					} catch {
						// Invalid for WHATWG too.
					}

					const ours = parseIpv4(host);
					const dotted =
						ours === null ? null : [24, 16, 8, 0].map((shift) => Math.floor(ours / 2 ** shift) % 256).join('.');
					return dotted === whatwg || (dotted === null && whatwg !== null && !/^[\d.]+$/.test(whatwg));
				},
			),
		),
	);
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.ipV6(), (address) => {
				const groups = parseIpv6(address);
				const expected = new URL(`http://[${address}]/`).hostname;
				return (
					groups !== null && new URL(`http://[${groups.map((g) => g.toString(16)).join(':')}]/`).hostname === expected
				);
			}),
		),
	);
});

test('isCloudMetadata knows the metadata addresses in any notation', (t) => {
	for (const host of [
		'169.254.169.254',
		'0xa9fea9fe',
		'2852039166',
		'0251.0376.0251.0376',
		'[::ffff:169.254.169.254]',
	]) {
		t.true(isCloudMetadata(host), host);
	}

	t.true(isCloudMetadata('[fd00:ec2::254]'));
	t.true(isCloudMetadata('100.100.100.200'));
	t.false(isCloudMetadata('169.254.169.253'));
	t.false(isCloudMetadata('metadata.google.internal'));
});

test('checkUrl keeps IPv6 brackets, ports and userinfo apart from globbing', (t) => {
	t.like(checkUrl('http://[::1]:8080/a?b=c#d'), {ok: true, host: '[::1]:8080', hostname: '[::1]'});
	t.like(checkUrl('https://u:p@api.dfns.io/x'), {ok: true, host: 'api.dfns.io', hostname: 'api.dfns.io'});
	t.like(checkUrl('HTTPS://API.DFNS.IO'), {ok: true, host: 'api.dfns.io'});
	t.like(checkUrl('http://[::1]/[x]'), {ok: false});
	t.like(checkUrl('http://a b/'), {ok: false});
	t.like(checkUrl('http://a\\b/'), {ok: false});
});

test('commandLine quotes any argv so that our parser reads every word back unchanged', (t) => {
	const word = fc.string({unit: 'binary', maxLength: 30}).filter((value) => !value.includes('\0'));
	fc.assert(
		fc.property(fc.array(word, {maxLength: 4}), (values) => {
			const words = ['curl', ...values.flatMap((value) => ['-H', value]), '--url', 'http://x.io/'];
			const command = parseCurlCommand(commandLine(words));
			if (command === null) return false;
			const headers = command.options.filter((option) => option.name === 'header').map((option) => option.value);
			return (
				JSON.stringify(headers) === JSON.stringify(values) &&
				command.shellSyntax.length === 0 &&
				command.request.unexpanded.every((value) => value.startsWith('@'))
			);
		}),
		{numRuns: 500},
	);
	t.is(quoteWord('https://api.dfns.io/wallets'), 'https://api.dfns.io/wallets');
	t.is(quoteWord('Authorization: Bearer x'), "'Authorization: Bearer x'");
	t.is(quoteWord("it's\n"), "$'it\\'s\\x0a'");
});
