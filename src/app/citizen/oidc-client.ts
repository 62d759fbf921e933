import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../core/shared/clock.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { OidcSettings } from './citizen-settings.ts';

/**
 * The role: speak OpenID Connect's authorization code flow with PKCE to one configured identity
 * service, and hand back the verified claims of its ID token. The citizen view's auth service
 * holds this port, so another identity service plugs in behind the same two calls.
 */
export interface OidcClient {
  /** Where to send the citizen's browser (OIDC Core §3.1.2.1), with the S256 challenge (RFC 7636 §4.3). */
  authorizationUrl(request: { state: string; nonce: string; codeChallenge: string }): Promise<string>;
  /** Redeems the code with its verifier (RFC 7636 §4.5) and verifies the ID token (OIDC Core §3.1.3.7). */
  redeem(request: { code: string; codeVerifier: string; nonce: string }): Promise<JWTPayload>;
}

interface ProviderMetadata {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

const TIMEOUT_MS = 5_000;
/** Asymmetric algorithms only: a symmetric one would let anyone holding the client secret mint tokens. */
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

function unavailable(reason: string, cause?: unknown): DomainError<'CITIZEN_PROVIDER_UNAVAILABLE'> {
  return new DomainError('CITIZEN_PROVIDER_UNAVAILABLE', '身份认证服务暂不可用或配置有误 / the identity service is unavailable or misconfigured', { details: { reason }, cause });
}

function refused(reason: string, cause?: unknown): DomainError<'CITIZEN_LOGIN_FAILED'> {
  return new DomainError('CITIZEN_LOGIN_FAILED', '身份认证未通过，请重新登录 / the identity service did not confirm the login; please sign in again', { details: { reason }, cause });
}

async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  // No redirects: Custos talks to the configured issuer's host and no other.
  const response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: null };
  }
}

function stringField(document: unknown, name: string): string | undefined {
  const value = (document as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** An OIDC client over `fetch` and jose's JWT verification; the provider's metadata is fetched once per process. */
export function joseOidcClient(settings: OidcSettings, clock: Clock): OidcClient {
  let metadata: Promise<ProviderMetadata> | undefined;
  const origin = new URL(settings.issuer).origin;

  async function discover(): Promise<ProviderMetadata> {
    let document: { status: number; body: unknown };
    try {
      document = await getJson(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    } catch (error) {
      throw unavailable('discovery_unreachable', error);
    }
    const body = document.body;
    // OIDC Discovery §4.3: the issuer in the document must be exactly the one configured.
    if (document.status !== 200 || stringField(body, 'issuer') !== settings.issuer) throw unavailable('discovery_issuer_mismatch');
    const authorizationEndpoint = stringField(body, 'authorization_endpoint');
    const tokenEndpoint = stringField(body, 'token_endpoint');
    const jwksUri = stringField(body, 'jwks_uri');
    if (!authorizationEndpoint || !tokenEndpoint || !jwksUri) throw unavailable('discovery_incomplete');
    // The server itself calls the token endpoint and the key set: both must be on the issuer's own
    // host, so that a tampered document cannot send codes or key fetches elsewhere.
    if (new URL(tokenEndpoint).origin !== origin || new URL(jwksUri).origin !== origin) throw unavailable('endpoint_off_issuer');
    const methods = (body as Record<string, unknown>)['code_challenge_methods_supported'];
    if (Array.isArray(methods) && !methods.includes('S256')) throw unavailable('pkce_s256_unsupported');
    return { authorizationEndpoint, tokenEndpoint, jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS }) };
  }

  function provider(): Promise<ProviderMetadata> {
    metadata ??= discover().catch((error: unknown) => {
      // A failed discovery is tried again on the next login, not remembered.
      metadata = undefined;
      throw error;
    });
    return metadata;
  }

  return {
    async authorizationUrl({ state, nonce, codeChallenge }) {
      const url = new URL((await provider()).authorizationEndpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', settings.clientId);
      url.searchParams.set('redirect_uri', settings.redirectUri);
      url.searchParams.set('scope', settings.scope);
      url.searchParams.set('state', state);
      url.searchParams.set('nonce', nonce);
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.toString();
    },

    async redeem({ code, codeVerifier, nonce }) {
      const { tokenEndpoint, jwks } = await provider();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: settings.redirectUri, code_verifier: codeVerifier, client_id: settings.clientId });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      if (settings.clientSecret !== null) {
        // RFC 6749 §2.3.1: client_secret_basic, each part form-encoded first.
        headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`;
      }
      let answer: { status: number; body: unknown };
      try {
        answer = await getJson(tokenEndpoint, { method: 'POST', headers, body: form.toString() });
      } catch (error) {
        throw unavailable('token_endpoint_unreachable', error);
      }
      // An invalid or replayed code, or a wrong verifier, is the caller's failed login (RFC 6749 §5.2).
      if (answer.status === 400 || answer.status === 401) throw refused(stringField(answer.body, 'error') ?? 'token_refused');
      const idToken = stringField(answer.body, 'id_token');
      if (answer.status !== 200 || !idToken) throw unavailable('token_response_invalid');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, jwks, { issuer: settings.issuer, audience: settings.clientId, algorithms: ALGORITHMS, currentDate: clock.now(), clockTolerance: 60, requiredClaims: ['exp', 'iat', 'sub'] }));
      } catch (error) {
        if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) throw refused('id_token_invalid', error);
        throw unavailable('jwks_unreachable', error);
      }
      // OIDC Core §3.1.3.7: the nonce binds the token to this login; azp to this client when others share the audience.
      if (payload.nonce !== nonce) throw refused('nonce_mismatch');
      if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload['azp'] !== settings.clientId) throw refused('azp_mismatch');
      return payload;
    },
  };
}
