// Bundles the CLI so a start loads one file instead of hundreds of modules (design: speed).
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {chmod, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
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
await build({
	entryPoints: ['source/cli.tsx', 'source/commands/scan-worker.ts'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'linked',
	define: {'process.env.NODE_ENV': '"production"'},
	// Ink imports the devtools only when DEV=true; keep that optional import out of the bundle.
	external: ['react-devtools-core'],
	banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
	logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);

// The bundled catalogs are validated here, once; a start then only checks that each file is still the one that
// was validated (by size and modification time, else by its hash) and validates only a file that changed or a
// user's own catalog.
const validate = ajv.compile(schema);
const manifest = {};
for (const name of (await readdir('catalogs')).filter((file) => file.endsWith('.json') && file !== 'schema.json')) {
	const text = await readFile(`catalogs/${name}`, 'utf8');
	if (!validate(JSON.parse(text))) {
		const where = validate.errors?.map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ');
		throw new Error(`catalogs/${name} does not match catalogs/schema.json: ${where}`);
	}

	const {size, mtimeMs} = await stat(`catalogs/${name}`);
	manifest[name] = {sha256: createHash('sha256').update(text).digest('hex'), size, mtimeMs};
}

await writeFile('dist/catalog-manifest.json', `${JSON.stringify(manifest, null, '\t')}\n`);
