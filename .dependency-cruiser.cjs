/**
 * Layer rules of DESIGN.md §6. Do not relax these rules: a new exception needs a decision
 * record in docs/decisions/.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'core imports only core and node:crypto',
      severity: 'error',
      from: { path: layer('core') },
      to: { pathNot: [layer('core'), '^crypto$', '^node:crypto$'] },
    },
    {
      name: 'storage-and-crypto-import-core-only',
      severity: 'error',
      from: { path: [layer('storage'), layer('crypto')] },
      to: { path: [layer('app'), layer('http'), layer('gateway'), layer('cli'), layer('config'), layer('main')] },
    },
    {
      name: 'storage-does-not-import-crypto',
      severity: 'error',
      from: { path: layer('storage') },
      to: { path: layer('crypto') },
    },
    {
      name: 'crypto-does-not-import-storage',
      severity: 'error',
      from: { path: layer('crypto') },
      to: { path: layer('storage') },
    },
    {
      name: 'app-imports-core-storage-crypto',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: [layer('http'), layer('gateway'), layer('cli'), layer('config'), layer('main')] },
    },
    {
      name: 'edges-never-touch-storage',
      comment: 'http, gateway and cli reach data through app only: no SQL in a handler',
      severity: 'error',
      from: { path: [layer('http'), layer('gateway'), layer('cli')] },
      to: { path: [layer('storage'), layer('crypto'), layer('config'), layer('main')] },
    },
    {
      name: 'only-http-mounts-gateway',
      severity: 'error',
      from: { path: layer('cli') },
      to: { path: layer('gateway') },
    },
    {
      name: 'gateway-does-not-import-http-or-cli',
      severity: 'error',
      from: { path: layer('gateway') },
      to: { path: [layer('http'), layer('cli')] },
    },
    {
      name: 'http-does-not-import-cli',
      severity: 'error',
      from: { path: layer('http') },
      to: { path: layer('cli') },
    },
    {
      name: 'config-only-from-main',
      severity: 'error',
      from: { pathNot: [layer('main'), layer('config')] },
      to: { path: layer('config') },
    },
    {
      name: 'nothing-imports-main',
      severity: 'error',
      from: { path: '^src/', pathNot: layer('main') },
      to: { path: layer('main') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
