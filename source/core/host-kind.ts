/**
 * What kind of place a URL host names, judged from its spelling alone (no DNS): `errdoctor run` asks before it
 * sends a request to this machine, a private network or a link-local address such as a cloud metadata service.
 */
export type HostKind = 'loopback' | 'private' | 'link-local' | 'other';

/**
 * One part of an IPv4 address as `inet_aton` and the WHATWG URL parser read it (curl normalises hosts the same
 * way): `0x7f` hex, `0177` octal, `127` decimal. null when the part is none of them.
 */
function ipv4Part(part: string): number | null {
	if (/^0x[\da-f]*$/i.test(part)) return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
	if (/^0[0-7]+$/.test(part)) return Number.parseInt(part, 8);
	if (/^(?:0|[1-9]\d*)$/.test(part)) return Number(part);
	return null;
}

/** An IPv4 address in any form curl accepts (`127.0.0.1`, `2130706433`, `0x7f.1`, `0177.0.0.01`), as a number. */
export function parseIpv4(host: string): number | null {
	const parts = host.split('.');
	if (parts.length > 1 && parts.at(-1) === '') parts.pop();
	if (parts.length > 4) return null;
	const numbers: number[] = [];
	for (const part of parts) {
		const value = ipv4Part(part);
		if (value === null) return null;
		numbers.push(value);
	}

	// The last part fills every byte the earlier parts leave: `127.1` is 127.0.0.1, `2130706433` is one number.
	const last = numbers.pop()!;
	if (numbers.some((value) => value > 255) || last >= 256 ** (4 - numbers.length)) return null;
	let address = 0;
	for (const [index, value] of numbers.entries()) address += value * 256 ** (3 - index);
	return address + last;
}

/** An IPv6 address (no brackets, no zone) as eight 16-bit groups; a dotted IPv4 tail is allowed. */
export function parseIpv6(host: string): number[] | null {
	let text = host;
	const lastColon = text.lastIndexOf(':');
	if (text.includes('.', lastColon)) {
		// `::ffff:127.0.0.1`: the dotted tail is the last two groups.
		const tail = text.slice(lastColon + 1);
		const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(tail) ? parseIpv4(tail) : null;
		if (ipv4 === null) return null;
		text = `${text.slice(0, lastColon + 1)}${Math.floor(ipv4 / 65_536).toString(16)}:${(ipv4 % 65_536).toString(16)}`;
	}

	const halves = text.split('::');
	if (halves.length > 2) return null;
	const groups = (half: string): number[] | null => {
		if (half === '') return [];
		const out: number[] = [];
		for (const group of half.split(':')) {
			if (!/^[\da-f]{1,4}$/i.test(group)) return null;
			out.push(Number.parseInt(group, 16));
		}

		return out;
	};

	const head = groups(halves[0]!);
	const rest = halves.length === 2 ? groups(halves[1]!) : [];
	if (head === null || rest === null) return null;
	const known = head.length + rest.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return null;
	return [...head, ...Array.from({length: 8 - known}, () => 0), ...rest];
}

const inRange = (address: number, base: number, bits: number): boolean =>
	Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
const dotted = (a: number, b = 0): number => a * 16_777_216 + b * 65_536;

function ipv4Kind(address: number): HostKind {
	// 0.0.0.0/8 is "this host": connecting to it reaches the local machine on Linux.
	if (inRange(address, dotted(127), 8) || inRange(address, 0, 8)) return 'loopback';
	if (inRange(address, dotted(169, 254), 16)) return 'link-local';
	if (
		inRange(address, dotted(10), 8) ||
		inRange(address, dotted(172, 16), 12) ||
		inRange(address, dotted(192, 168), 16) ||
		// Carrier-grade NAT space: internal too, and where some clouds keep their metadata service.
		inRange(address, dotted(100, 64), 10)
	) {
		return 'private';
	}

	return 'other';
}

function ipv6Kind(groups: readonly number[]): HostKind {
	const [first, second, third, fourth, fifth, sixth, seventh, eighth] = groups as [
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
	];
	const zeros = first === 0 && second === 0 && third === 0 && fourth === 0 && fifth === 0;
	if (zeros && sixth === 0 && seventh === 0 && eighth <= 1) return 'loopback';
	if (zeros && sixth === 0xff_ff) return ipv4Kind(seventh * 65_536 + eighth);
	if ((first & 0xfe_00) === 0xfc_00) return 'private';
	if ((first & 0xff_c0) === 0xfe_80) return 'link-local';
	return 'other';
}

/** Classifies a URL host: a name, an IPv4 address in any notation, or a bracketed IPv6 address with or without zone. */
export function hostKind(host: string): HostKind {
	const lower = host.toLowerCase();
	if (lower.startsWith('[') && lower.endsWith(']')) {
		const inside = lower.slice(1, -1);
		const zone = inside.indexOf('%');
		const groups = parseIpv6(zone === -1 ? inside : inside.slice(0, zone));
		return groups === null ? 'other' : ipv6Kind(groups);
	}

	const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
	// curl answers `localhost` and every `*.localhost` name with the loopback address itself (RFC 6761).
	if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
	const ipv4 = parseIpv4(lower);
	return ipv4 === null ? 'other' : ipv4Kind(ipv4);
}

const metadataIpv4 = new Set([
	// AWS, Azure, GCP, OpenStack and most others.
	0xa9_fe_a9_fe,
	// Alibaba Cloud.
	0x64_64_64_c8,
]);

/** A cloud instance metadata service address, in any notation: it hands out the machine's credentials. */
export function isCloudMetadata(host: string): boolean {
	const lower = host.toLowerCase();
	if (lower.startsWith('[') && lower.endsWith(']')) {
		const groups = parseIpv6(lower.slice(1, -1));
		if (groups === null) return false;
		// AWS's IPv6 endpoint, fd00:ec2::254.
		if (groups.join(':') === '64768:3778:0:0:0:0:0:596') return true;
		const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xff_ff;
		return mapped && metadataIpv4.has(groups[6]! * 65_536 + groups[7]!);
	}

	const ipv4 = parseIpv4(lower);
	return ipv4 !== null && metadataIpv4.has(ipv4);
}
