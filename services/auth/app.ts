// auth: register and log in. Passwords are hashed (scrypt), never stored or
// logged in plain text; a duplicate username is 409, not a 500. Hashing goes
// through a bounded queue: 503 when it is full, and a caller that hung up
// while waiting costs no hash.
//
// Usernames: letters and digits of any script (josé, 李雷), plus _ . -, as the
// originals accepted any text; no control or format characters. They are
// stored in NFC, so "josé" typed with a combining accent is the same user.
import type { FastifyInstance } from "fastify";
import { buildService, NO_ISSUER, type ServiceOptions } from "../shared/app.js";
import { callerGone } from "../shared/caller.js";
import { HttpError } from "../shared/errors.js";
import { hashPassword, needsRehash, verifyPassword } from "../shared/password.js";
import { usernameField } from "../shared/schemas.js";

const USERNAME_MAX = 50;

const credentials = {
  type: "object",
  required: ["username", "password"],
  additionalProperties: false,
  properties: {
    username: usernameField(3, USERNAME_MAX),
    password: { type: "string", minLength: 8, maxLength: 128 },
  },
} as const;

const registered = {
  type: "object",
  properties: { message: { type: "string" }, username: { type: "string" } },
} as const;

const loggedIn = { type: "object", properties: { token: { type: "string" } } } as const;

interface Credentials {
  username: string;
  password: string;
}

const UNIQUE_VIOLATION = "23505";

/** One spelling per name: NFC, so a composed and a decomposed "é" are the same user. */
function canonicalUsername(username: string): string {
  const canonical = username.normalize("NFC");
  // NFC almost always shortens; the column holds 50 characters whatever happens.
  if ([...canonical].length > USERNAME_MAX)
    throw new HttpError(400, `body/username must NOT have more than ${USERNAME_MAX} characters`);
  return canonical;
}

export function createAuthApp(options: ServiceOptions): Promise<FastifyInstance> {
  return buildService(
    {
      name: "auth",
      endpoints: ["POST /api/register", "POST /api/login", "GET /.well-known/openid-configuration"],
      tokens: "sign",
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS users (
          id SERIAL PRIMARY KEY,
          username VARCHAR(50) UNIQUE NOT NULL,
          password VARCHAR(255) NOT NULL
        )`);
      },
      routes(app, { pool, signer, issuerOf }) {
        // A hash made with older parameters is replaced on a successful login (best effort: the login stands).
        const upgradeHash = async (username: string, password: string, signal: AbortSignal) => {
          try {
            const hash = await hashPassword(password, signal);
            await pool.query({
              name: "upgrade-hash",
              text: "UPDATE users SET password = $2 WHERE username = $1",
              values: [username, hash],
            });
          } catch (error) {
            app.log.warn({ reason: (error as Error).message }, "could not upgrade a password hash");
          }
        };
        app.post<{ Body: Credentials }>(
          "/api/register",
          { schema: { body: credentials, response: { 201: registered } } },
          async (request, reply) => {
            const { password } = request.body;
            const username = canonicalUsername(request.body.username);
            const hash = await hashPassword(password, callerGone(reply));
            try {
              await pool.query({
                name: "register",
                text: "INSERT INTO users (username, password) VALUES ($1, $2)",
                values: [username, hash],
              });
            } catch (error) {
              if ((error as { code?: string }).code === UNIQUE_VIOLATION)
                throw new HttpError(409, `The username ${username} is taken`);
              throw error;
            }
            return reply.code(201).send({ message: "User registered", username });
          },
        );

        app.post<{ Body: Credentials }>(
          "/api/login",
          { schema: { body: credentials, response: { 200: loggedIn } } },
          async (request, reply) => {
            const { password } = request.body;
            const username = canonicalUsername(request.body.username);
            const gone = callerGone(reply);
            const found = await pool.query<{ password: string }>({
              name: "login",
              text: "SELECT password FROM users WHERE username = $1",
              values: [username],
            });
            const stored = found.rows[0]?.password;
            if (!(await verifyPassword(password, stored, gone)))
              throw new HttpError(401, "Wrong username or password");
            if (stored !== undefined && needsRehash(stored)) await upgradeHash(username, password, gone);
            if (!signer) throw new HttpError(500, "The auth service has no signing key");
            const issuer = issuerOf(request);
            if (!issuer) throw new HttpError(503, NO_ISSUER);
            return { token: await signer.sign(username, issuer) };
          },
        );
      },
    },
    options,
  );
}
