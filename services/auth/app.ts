// auth: register and log in. Passwords are hashed (scrypt), never stored or
// logged in plain text; a duplicate username is 409, not a 500.
import type { FastifyInstance } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { HttpError } from "../shared/errors.js";
import { hashPassword, verifyPassword } from "../shared/password.js";
import { signToken } from "../shared/token.js";

const credentials = {
  type: "object",
  required: ["username", "password"],
  additionalProperties: false,
  properties: {
    username: { type: "string", minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9_.-]+$" },
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
          { schema: { body: credentials, response: { 201: registered } } },
          async (request, reply) => {
            const { username, password } = request.body;
            const hash = await hashPassword(password);
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
          async (request) => {
            const { username, password } = request.body;
            const found = await pool.query<{ password: string }>({
              name: "login",
              text: "SELECT password FROM users WHERE username = $1",
              values: [username],
            });
            if (!(await verifyPassword(password, found.rows[0]?.password)))
              throw new HttpError(401, "Wrong username or password");
            return { token: await signToken(username, jwtKey) };
          },
        );
      },
    },
    options,
  );
}
