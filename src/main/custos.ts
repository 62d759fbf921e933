/**
 * The `custos` command's entry point. Node caches the modules it compiles (type stripping
 * included) so that every later start skips that work: `custos scan` in a publishing pipeline
 * starts in about half the time. The cache lives in NODE_COMPILE_CACHE, or under the system's
 * temporary folder, and Node checks each entry against its source. Started as bin/custos.js (the
 * installed `custos`), the cache is already on before this file is read; switching it on again
 * here does nothing.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./cli.ts');
