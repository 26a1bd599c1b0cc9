// auth: register and log in. Passwords are hashed (scrypt), never stored or
// logged in plain text; a duplicate username is 409, not a 500.
import type { FastifyInstance } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { hashPassword, signToken, verifyPassword } from "../shared/auth.js";
import { HttpError } from "../shared/errors.js";

const credentials = {
  type: "object",
  required: ["username", "password"],
  additionalProperties: false,
  properties: {
    username: { type: "string", minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9_.-]+$" },
    password: { type: "string", minLength: 8, maxLength: 128 },
  },
} as const;

interface Credentials {
  username: string;
  password: string;
}

const UNIQUE_VIOLATION = "23505";

export function createAuthApp(options: ServiceOptions): Promise<FastifyInstance> {
  return buildService(
    {
      name: "auth",
      endpoints: ["POST /api/register", "POST /api/login"],
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS users (
          id SERIAL PRIMARY KEY,
          username VARCHAR(50) UNIQUE NOT NULL,
          password VARCHAR(255) NOT NULL
        )`);
      },
      routes(app, { pool, jwtKey }) {
        app.post<{ Body: Credentials }>(
          "/api/register",
          { schema: { body: credentials } },
          async (request, reply) => {
            const { username, password } = request.body;
            const hash = await hashPassword(password);
            try {
              await pool.query("INSERT INTO users (username, password) VALUES ($1, $2)", [username, hash]);
            } catch (error) {
              if ((error as { code?: string }).code === UNIQUE_VIOLATION)
                throw new HttpError(409, `The username ${username} is taken`);
              throw error;
            }
            return reply.code(201).send({ message: "User registered", username });
          },
        );

        app.post<{ Body: Credentials }>("/api/login", { schema: { body: credentials } }, async (request) => {
          const { username, password } = request.body;
          const found = await pool.query<{ password: string }>(
            "SELECT password FROM users WHERE username = $1",
            [username],
          );
          const stored = found.rows[0]?.password;
          if (!stored || !(await verifyPassword(password, stored)))
            throw new HttpError(401, "Wrong username or password");
          return { token: await signToken(username, jwtKey) };
        });
      },
    },
    options,
  );
}
