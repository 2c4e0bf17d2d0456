/**
 * The `errdoctor` executable: compiles the main bundle (`main.cjs`, beside this file) with V8's code cache.
 *
 * Node 22 caches compiled code itself (module.enableCompileCache); Node 20 does not, and compiling the functions a
 * diagnosis runs costs about a fifth of a start. The build runs the demo once through `writeCodeCache` and saves
 * what V8 compiled; a start hands that to V8, which checks it against its own version and flags and the source's
 * length, and simply compiles the bundle again when the cache is missing, cut short or from another Node.
 * The build writes the bundle and its cache together; dist/ is not for editing by hand.
 */
import fs = require('node:fs');
import path = require('node:path');
import url = require('node:url');
import vm = require('node:vm');

const {readFileSync, writeFileSync} = fs;
const {join} = path;
const {Script} = vm;

const mainFile = join(__dirname, 'main.cjs');
const cacheFile = `${mainFile}.cache`;

/**
 * A script's own `import()` needs a loader callback that Node 20 offers only behind an experimental flag, so the
 * bundle calls this instead for the ES modules beside it (the build turns its `import("./x.mjs")` into
 * `importEsm("./x.mjs")`); the `import()` here is this CommonJS module's own.
 */
async function importEsm(specifier: string): Promise<unknown> {
	return import(url.pathToFileURL(join(__dirname, specifier)).href);
}

function compileMain(cachedData: Buffer | undefined): vm.Script {
	const source = readFileSync(mainFile, 'utf8');
	const wrapped = `(function (exports, require, module, __filename, __dirname, importEsm) {${source}\n})`;
	return new Script(wrapped, {filename: mainFile, ...(cachedData ? {cachedData} : {})});
}

function readCache(): Buffer | undefined {
	try {
		return readFileSync(cacheFile);
	} catch {
		// No cache (a build that skipped it, or a copied bundle): compile as usual.
		return undefined;
	}
}

function runMain(script: vm.Script): void {
	const main = script.runInThisContext() as (...args: unknown[]) => void;
	const module = {exports: {}};
	main.call(module.exports, module.exports, require, module, mainFile, __dirname, importEsm);
}

/**
 * Build step: runs the CLI with `argv` (the demo) and, when it has finished, saves the code V8 compiled for it.
 * Only the build calls this, in a process of its own.
 */
function writeCodeCache(argv: readonly string[]): void {
	const script = compileMain(undefined);
	process.argv = [process.argv[0] ?? 'node', join(__dirname, 'cli.cjs'), ...argv];
	process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
	runMain(script);
}

/** Whether V8 took the saved cache (for the tests: a rejected cache still runs, only slower). */
function codeCacheAccepted(): boolean {
	const cachedData = readCache();
	return cachedData !== undefined && !compileMain(cachedData).cachedDataRejected;
}

if (require.main === module) runMain(compileMain(readCache()));

export = {writeCodeCache, codeCacheAccepted};
