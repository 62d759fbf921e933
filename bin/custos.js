#!/usr/bin/env node
// The published entry point. Node 24 runs the TypeScript sources directly (type stripping). The
// compile cache is switched on here, in JavaScript, before the first TypeScript file is read:
// with it on, Node reuses its earlier stripping and compiling of every module, and a command such
// as `custos scan` in a publishing pipeline does not even load the type stripper.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('../src/main/custos.ts');
