import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig, resolveSecret } from '../../src/config/config.ts';

describe('configuration', () => {
  it('layers file, environment and flags, the later winning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'custos-config-'));
    const file = join(folder, 'custos.json');
    writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0', logLevel: 'debug' }));
    const config = loadConfig({ file, environment: { CUSTOS_PORT: '9100', CUSTOS_LOG_LEVEL: 'warn' }, flags: { port: '9200' } });
    expect(config).toMatchObject({ port: 9200, host: '0.0.0.0', logLevel: 'warn', cryptoSuite: 'intl' });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ environment: { CUSTOS_PORT: 'eighty', CUSTOS_CRYPTO_SUITE: 'rsa', DATABASE_URL: 'mysql://x', CUSTOS_BLIND_INDEX_KEY: 'raw-secret' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of ['port', 'cryptoSuite', 'databaseUrl', 'blindIndexKey']) expect(problems).toContain(key);
      expect(problems).not.toContain('raw-secret');
    }
  });

  it('refuses an audit retention below six months (网络安全法 Art. 21) and accepts six', () => {
    expect(() => loadConfig({ environment: { CUSTOS_AUDIT_RETENTION_MONTHS: '5' } })).toThrow(/auditRetentionMonths/);
    expect(loadConfig({ environment: { CUSTOS_AUDIT_RETENTION_MONTHS: '6' } }).auditRetentionMonths).toBe(6);
    expect(loadConfig({ environment: {} }).auditRetentionMonths).toBe(12);
  });

  it('turns citizen OIDC on only when fully configured over https, with the client secret by reference', () => {
    expect(loadConfig({ environment: {} })).toMatchObject({ citizenOidcIssuer: null, citizenSessionMinutes: 30, citizenOidcIdentifierClaim: 'sub', citizenOidcScope: 'openid' });
    const configured = loadConfig({
      environment: { CUSTOS_CITIZEN_OIDC_ISSUER: 'https://id.gov.example/oidc', CUSTOS_CITIZEN_OIDC_CLIENT_ID: 'custos', CUSTOS_CITIZEN_OIDC_REDIRECT_URI: 'https://custos.example/citizen/callback', CUSTOS_CITIZEN_OIDC_CLIENT_SECRET: 'env:OIDC_SECRET' },
    });
    expect(configured).toMatchObject({ citizenOidcIssuer: 'https://id.gov.example/oidc', citizenOidcClientId: 'custos', citizenOidcClientSecret: 'env:OIDC_SECRET' });
    expect(() => loadConfig({ environment: { CUSTOS_CITIZEN_OIDC_ISSUER: 'https://id.gov.example/oidc' } })).toThrow(/citizenOidcClientId and citizenOidcRedirectUri/);
    expect(() => loadConfig({ environment: { CUSTOS_CITIZEN_OIDC_ISSUER: 'http://id.gov.example/oidc', CUSTOS_CITIZEN_OIDC_CLIENT_ID: 'c', CUSTOS_CITIZEN_OIDC_REDIRECT_URI: 'https://c.example/cb' } })).toThrow(/citizenOidcIssuer/);
    expect(loadConfig({ environment: { CUSTOS_CITIZEN_OIDC_ISSUER: 'http://127.0.0.1:9000/oidc', CUSTOS_CITIZEN_OIDC_CLIENT_ID: 'c', CUSTOS_CITIZEN_OIDC_REDIRECT_URI: 'https://c.example/cb' } }).citizenOidcIssuer).toBe('http://127.0.0.1:9000/oidc');
    try {
      loadConfig({ environment: { CUSTOS_CITIZEN_OIDC_CLIENT_SECRET: 'plain-secret', CUSTOS_CITIZEN_OIDC_SCOPE: 'profile' } });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('citizenOidcClientSecret');
      expect(problems).toContain('citizenOidcScope');
      expect(problems).not.toContain('plain-secret');
    }
  });

  it('refuses unknown keys in the file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'custos-config-'));
    const file = join(folder, 'custos.json');
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ file, environment: {} })).toThrow(/prot/);
  });

  it('resolves secrets by reference and hides the database password', () => {
    expect(resolveSecret('env:KEY', { KEY: Buffer.from('k'.repeat(32)).toString('base64') }).length).toBe(32);
    expect(() => resolveSecret('env:MISSING', {})).toThrow(ConfigError);
    const config = loadConfig({ environment: { DATABASE_URL: 'postgres://custos:hunter2@db:5432/custos' } });
    expect(JSON.stringify(redactConfig(config))).not.toContain('hunter2');
  });
});
