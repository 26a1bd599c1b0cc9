// An RSA key pair for tests of the services' tokens, made once per test file
// (2048-bit, as msdemo makes for a stack).
import { generateKeyPairSync } from "node:crypto";
import type { TokenSettings } from "../../services/shared/token.js";

export const TEST_ISSUER = "https://api.example.test";
export const TEST_AUDIENCE = "msdemo";

export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

/** What auth gets (the private key) and what orders gets (the public key only). */
export function testTokenSettings(): { auth: TokenSettings; orders: TokenSettings } {
  const { privateKey, publicKey } = rsaKeyPair();
  const common = { issuer: TEST_ISSUER, audience: TEST_AUDIENCE };
  return { auth: { ...common, privateKey }, orders: { ...common, publicKey } };
}
