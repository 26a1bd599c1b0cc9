// orders: a signed-in user's orders. Every route needs a valid token
// (`Authorization: Bearer <token>`, or the bare token as the original took).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { tokenFromHeader, verifyToken } from "../shared/auth.js";
import { HttpError } from "../shared/errors.js";

const newOrder = {
  type: "object",
  required: ["item", "quantity"],
  additionalProperties: false,
  properties: {
    item: { type: "string", minLength: 1, maxLength: 100 },
    quantity: { type: "integer", minimum: 1, maximum: 10000 },
  },
} as const;

const order = {
  type: "object",
  properties: {
    id: { type: "integer" },
    username: { type: "string" },
    item: { type: "string" },
    quantity: { type: "integer" },
  },
} as const;

interface NewOrder {
  item: string;
  quantity: number;
}

export function createOrdersApp(options: ServiceOptions): Promise<FastifyInstance> {
  return buildService(
    {
      name: "orders",
      endpoints: ["GET /api/orders", "POST /api/orders"],
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS orders (
          id SERIAL PRIMARY KEY,
          username VARCHAR(50) NOT NULL,
          item VARCHAR(100),
          quantity INT
        )`);
        await client.query("CREATE INDEX IF NOT EXISTS orders_username_idx ON orders (username)");
      },
      routes(app, { pool, jwtKey }) {
        const caller = async (request: FastifyRequest): Promise<string> => {
          const token = tokenFromHeader(request.headers.authorization);
          if (!token) throw new HttpError(401, "Send a token: Authorization: Bearer <token>");
          const username = await verifyToken(token, jwtKey);
          if (!username) throw new HttpError(401, "The token is invalid or expired; log in again");
          return username;
        };

        app.get(
          "/api/orders",
          { schema: { response: { 200: { type: "array", items: order } } } },
          async (request) => {
            const username = await caller(request);
            const found = await pool.query({
              name: "orders-by-user",
              text: "SELECT id, username, item, quantity FROM orders WHERE username = $1 ORDER BY id",
              values: [username],
            });
            return found.rows;
          },
        );

        app.post<{ Body: NewOrder }>(
          "/api/orders",
          { schema: { body: newOrder, response: { 201: order } } },
          async (request, reply) => {
            const username = await caller(request);
            const { item, quantity } = request.body;
            const created = await pool.query(
              "INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3) RETURNING id, username, item, quantity",
              [username, item, quantity],
            );
            return reply.code(201).send(created.rows[0]);
          },
        );
      },
    },
    options,
  );
}
