// Bundles the CLI so a start loads one file instead of hundreds of modules (design: speed).
import {build} from 'esbuild';
import {chmod, rm} from 'node:fs/promises';

await rm('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/cli.tsx'],
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
