// Bundles the CLI so a start loads one file instead of hundreds of modules (design: speed).
import {build} from 'esbuild';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmod, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import process from 'node:process';
import {Ajv2020} from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

// Compiling the catalog schema with ajv at every start costs tens of milliseconds; a validator generated
// here validates the same way in well under one.
const schema = JSON.parse(await readFile('catalogs/schema.json', 'utf8'));
const ajv = new Ajv2020({allErrors: true, code: {source: true, esm: true}});
// ajv's ESM output still require()s its runtime helpers; turn those into imports so it loads under tsx too.
const runtime = [];
const validatorCode = standaloneCode
	.default(ajv, ajv.compile(schema))
	.replaceAll(/require\("([^"]+)"\)/g, (_, name) => {
		if (!runtime.includes(name)) runtime.push(name);
		return `__runtime${runtime.indexOf(name)}`;
	});
const imports = runtime.map((name, index) => `import __runtime${index} from '${name}.js';`).join('\n');
await writeFile('source/edge/catalog-validator.generated.js', `${imports}\n${validatorCode}`);

await rm('dist', {recursive: true, force: true});

/**
 * Three outputs. `cli.cjs` (source/start.cts) starts `main.cjs`, one CommonJS bundle of the router, `explain` and
 * the core: a start that diagnoses loads two files and Node's CommonJS loader, which costs far less than the ES
 * module loader and its built-in facades. Every other command, and meow for help texts, is an ES module chunk
 * (`*.mjs`, split so they share code) imported only when chosen; Ink needs ES modules (yoga awaits at top level).
 */
const esmEntries = {
	scan: 'source/commands/scan.ts',
	'scan-worker': 'source/edge/scan-worker.ts',
	run: 'source/commands/run.ts',
	jwt: 'source/commands/jwt.ts',
	lookup: 'source/commands/lookup.ts',
	catalogs: 'source/commands/catalogs.ts',
	interactive: 'source/commands/interactive.ts',
	meow: 'meow',
};
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'linked',
	define: {'process.env.NODE_ENV': '"production"'},
	logLevel: 'warning',
};

await build({
	...common,
	entryPoints: esmEntries,
	outdir: 'dist',
	entryNames: '[name]',
	outExtension: {'.js': '.mjs'},
	splitting: true,
	format: 'esm',
	// Ink imports the devtools only when DEV=true; keep that optional import out of the bundle.
	external: ['react-devtools-core'],
	banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
});

// main.cjs leaves the modules above to the ES chunks: `import('./commands/scan.js')` becomes `import("./scan.mjs")`.
const esmChunks = {
	name: 'esm-chunks',
	setup(build) {
		build.onResolve({filter: /^(?:\.\/commands\/[\w-]+\.js|meow)$/}, ({path}) => {
			const name = path === 'meow' ? 'meow' : path.slice('./commands/'.length, -'.js'.length);
			return name in esmEntries ? {path: `./${name}.mjs`, external: true} : undefined;
		});
	},
};
const commonJs = {...common, outdir: 'dist', outExtension: {'.js': '.cjs'}, format: 'cjs'};
await build({
	...commonJs,
	entryPoints: {main: 'source/cli.tsx'},
	plugins: [esmChunks],
	define: {...common.define, 'import.meta': '__importMeta'},
	banner: {js: 'var __importMeta={url:require("node:url").pathToFileURL(__filename).href};'},
});
// start.cts runs main.cjs as a script, whose own import() Node 20 refuses without an experimental flag; start.cts
// passes importEsm for it.
const main = await readFile('dist/main.cjs', 'utf8');
const bridged = main.replaceAll(/\bimport\((?="\.\/[\w-]+\.mjs"\))/g, 'importEsm(');
const stray = /\bimport\(/.exec(bridged);
if (stray)
	throw new Error(
		`dist/main.cjs still calls import() at ${stray.index}: ${bridged.slice(stray.index, stray.index + 60)}`,
	);
await writeFile('dist/main.cjs', bridged);

// The backtracking analyser of catalog regular expressions (scslre, about 1 MiB) is a CommonJS file of its own:
// source/edge/catalogs.ts requires it only when a user's catalog is loaded, and the check of the bundled
// catalogs below uses it.
await build({...commonJs, entryPoints: {backtracking: 'source/core/catalog/backtracking.ts'}});

await build({
	...commonJs,
	entryPoints: {cli: 'source/start.cts'},
	banner: {js: '#!/usr/bin/env node'},
});
await chmod('dist/cli.cjs', 0o755);

// The bundled catalogs are validated here, once; a start then only checks that each file is still the one that
// was validated (by size and modification time, else by its hash) and validates only a file that changed or a
// user's own catalog.
const validate = ajv.compile(schema);
const {catalogBacktracking} = createRequire(import.meta.url)(resolve('dist/backtracking.cjs'));
const manifest = {};
for (const name of (await readdir('catalogs')).filter((file) => file.endsWith('.json') && file !== 'schema.json')) {
	const text = await readFile(`catalogs/${name}`, 'utf8');
	const data = JSON.parse(text);
	if (!validate(data)) {
		const where = validate.errors?.map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ');
		throw new Error(`catalogs/${name} does not match catalogs/schema.json: ${where}`);
	}

	const backtracking =
		Array.isArray(data.httpStatuses) || Array.isArray(data.vocabularies) ? [] : catalogBacktracking(data);
	if (backtracking.length > 0) throw new Error(`catalogs/${name}: ${backtracking.join('; ')}`);

	const {size, mtimeMs} = await stat(`catalogs/${name}`);
	manifest[name] = {sha256: createHash('sha256').update(text).digest('hex'), size, mtimeMs};
}

await writeFile('dist/catalog-manifest.json', `${JSON.stringify(manifest, null, '\t')}\n`);

// V8's code cache for main.cjs, from one run of the demo in a process of its own (see source/start.cts), with an
// empty config directory so that the builder's own config is neither read nor, if broken, moved aside.
const configDir = await mkdtemp(join(tmpdir(), 'errdoctor-build-'));
const warm = spawnSync(
	process.execPath,
	['-e', `require(${JSON.stringify(resolve('dist/cli.cjs'))}).writeCodeCache(['demo', '--json'])`],
	{stdio: ['ignore', 'ignore', 'inherit'], env: {...process.env, ERRDOCTOR_CONFIG_DIR: configDir}},
);
await rm(configDir, {recursive: true, force: true});
if (warm.status !== 0) throw new Error(`writing the code cache: the demo exited ${warm.status ?? warm.signal}`);
