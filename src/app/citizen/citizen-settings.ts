/** The identity service citizens log in with: an OIDC issuer and this deployment's client there. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** The client secret's bytes as text, resolved from its reference by the composition root; null for a public client. */
  clientSecret: string | null;
  redirectUri: string;
  /** The ID-token claim carrying the resident ID or USCC. */
  identifierClaim: string;
  scope: string;
}

/** The citizen view's slice of configuration. */
export interface CitizenSettings {
  sessionMinutes: number;
  /** null: OIDC login is off. */
  oidc: OidcSettings | null;
}

export const DEFAULT_CITIZEN_SETTINGS: CitizenSettings = { sessionMinutes: 30, oidc: null };
