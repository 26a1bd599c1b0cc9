// Tokens: JWT HS256 that expire after one hour, signed with JWT_SECRET.
import { jwtVerify, SignJWT } from "jose";

const ALGORITHM = "HS256";
export const TOKEN_LIFETIME = "1h";

export function secretKey(jwtSecret: string): Uint8Array {
  return new TextEncoder().encode(jwtSecret);
}

export async function signToken(username: string, key: Uint8Array): Promise<string> {
  return new SignJWT({ username })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(username)
    .setIssuedAt()
    .setExpirationTime(TOKEN_LIFETIME)
    .sign(key);
}

/** The username in a valid, unexpired token signed with `key`, or undefined. */
export async function verifyToken(token: string, key: Uint8Array): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], requiredClaims: ["exp"] });
    return typeof payload.sub === "string" && payload.sub !== "" ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/** `Authorization: Bearer <token>`, or a bare token as the original services accepted. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const trimmed = header?.trim();
  if (!trimmed) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(trimmed);
  if (match) return match[1];
  return /\s/.test(trimmed) ? undefined : trimmed;
}
