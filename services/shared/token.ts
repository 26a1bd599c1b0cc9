// Tokens: JWT RS256 that expire after one hour. auth signs with the stack's RSA
// private key and publishes the public half (discovery document + JWKS) so API
// Gateway's JWT authorizer can check tokens at the door; orders checks them
// again with the public key alone (defence in depth). One scheme: no shared
// HS256 secret any more, so no service but auth can mint a token.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK, jwtVerify, SignJWT } from "jose";

export const ALGORITHM = "RS256";
export const TOKEN_LIFETIME = "1h";
/** Where auth serves its issuer metadata and keys, relative to the issuer URL. */
export const DISCOVERY_PATH = "/.well-known/openid-configuration";
export const JWKS_PATH = "/.well-known/jwks.json";
/**
 * The issuer, as the gateway in front says it: the API's URL is the issuer, and
 * API Gateway knows it only once the API exists, after the services are
 * deployed. So the gateway step sets this header on the auth and orders
 * integrations (a constant, in the plan) and `msdemo local`'s gateway does the
 * same: `up` converges in one run, with no second deploy once the API's id is
 * known. JWT_ISSUER, when set, wins. Trusting the header gives a direct caller
 * (public load balancers) nothing: a token with another `iss` is still signed
 * only for a user who gave the right password, and the gateway's authorizer
 * refuses any `iss` but the API's URL.
 */
export const ISSUER_HEADER = "x-msdemo-issuer";

/** What a service needs of tokens, from its environment. PEMs are secrets (the private one): never logged. */
export interface TokenSettings {
  /** The `iss` claim: the URL the discovery document is served under. */
  issuer: string;
  /** The `aud` claim, as the gateway's authorizer expects it. */
  audience: string;
  /** PKCS8 PEM: only the auth service has it. */
  privateKey?: string;
  /** SPKI PEM: enough to verify (orders). Derived from the private key when that is given. */
  publicKey?: string;
}

/** JWT_ISSUER if set, else the gateway's issuer header when it is an http(s) URL; "" when neither. */
export function requestIssuer(settings: TokenSettings, header: string | string[] | undefined): string {
  if (settings.issuer) return settings.issuer;
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^https?:\/\/[^\s/]+$/.test(value) ? value : "";
}

export interface TokenVerifier {
  /** The username in a valid, unexpired token of `issuer` and the audience, or undefined. */
  verify(token: string, issuer: string): Promise<string | undefined>;
}

export interface TokenSigner extends TokenVerifier {
  sign(username: string, issuer: string): Promise<string>;
  /** The JWKS: the public key only, with its `kid`. */
  jwks(): { keys: JWK[] };
  discovery(issuer: string): {
    issuer: string;
    jwks_uri: string;
    id_token_signing_alg_values_supported: string[];
  };
}

function verifierOf(publicKey: KeyObject, settings: TokenSettings): TokenVerifier {
  return {
    async verify(token, issuer) {
      if (!issuer) return undefined;
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          algorithms: [ALGORITHM],
          issuer,
          audience: settings.audience,
          requiredClaims: ["exp"],
        });
        return typeof payload.sub === "string" && payload.sub !== "" ? payload.sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function tokenVerifier(settings: TokenSettings): TokenVerifier {
  const pem = settings.publicKey ?? settings.privateKey;
  if (!pem) throw new Error("no key to verify tokens with");
  return verifierOf(createPublicKey(pem), settings);
}

export async function tokenSigner(settings: TokenSettings): Promise<TokenSigner> {
  if (!settings.privateKey) throw new Error("no private key to sign tokens with");
  const privateKey = createPrivateKey(settings.privateKey);
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  // The key's own thumbprint: a new key gets a new kid, so caches see the change.
  const kid = await calculateJwkThumbprint(jwk);
  const published: JWK = { ...jwk, kid, alg: ALGORITHM, use: "sig" };
  return {
    ...verifierOf(publicKey, settings),
    sign: (username, issuer) =>
      new SignJWT({ username })
        .setProtectedHeader({ alg: ALGORITHM, typ: "JWT", kid })
        .setSubject(username)
        .setIssuer(issuer)
        .setAudience(settings.audience)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(privateKey),
    jwks: () => ({ keys: [published] }),
    discovery: (issuer) => ({
      issuer,
      jwks_uri: `${issuer.replace(/\/+$/, "")}${JWKS_PATH}`,
      id_token_signing_alg_values_supported: [ALGORITHM],
    }),
  };
}

/** `Authorization: Bearer <token>`, or a bare token as the original services accepted. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const trimmed = header?.trim();
  if (!trimmed) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(trimmed);
  if (match) return match[1];
  return /\s/.test(trimmed) ? undefined : trimmed;
}
