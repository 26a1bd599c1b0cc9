// orders: a signed-in user's orders. Every API route needs a valid token
// (`Authorization: Bearer <token>`, or the bare token as the original took),
// checked before the body is even read.
import type { FastifyInstance } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { HttpError } from "../shared/errors.js";
import { text } from "../shared/schemas.js";
import { tokenFromHeader } from "../shared/token.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The username of a request's valid token (orders service). */
    caller: string;
  }
}

const newOrder = {
  type: "object",
  required: ["item", "quantity"],
  additionalProperties: false,
  properties: {
    item: text(100),
    quantity: { type: "integer", minimum: 1, maximum: 10000 },
  },
} as const;

// item and quantity are nullable columns (another client may leave them empty): null stays null.
const order = {
  type: "object",
  properties: {
    id: { type: "integer" },
    username: { type: "string" },
    item: { type: ["string", "null"] },
    quantity: { type: ["integer", "null"] },
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
      tokens: "verify",
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS orders (
          id SERIAL PRIMARY KEY,
          username VARCHAR(50) NOT NULL,
          item VARCHAR(100),
          quantity INT
        )`);
        await client.query("CREATE INDEX IF NOT EXISTS orders_username_idx ON orders (username)");
      },
      routes(app, { pool, verifier, issuerOf }) {
        app.decorateRequest("caller", "");
        app.addHook("onRequest", async (request) => {
          const token = tokenFromHeader(request.headers.authorization);
          if (!token) throw new HttpError(401, "Send a token: Authorization: Bearer <token>");
          const username = await verifier?.verify(token, issuerOf(request));
          if (!username) throw new HttpError(401, "The token is invalid or expired; log in again");
          request.caller = username;
        });

        app.get(
          "/api/orders",
          { schema: { response: { 200: { type: "array", items: order } } } },
          async (request) => {
            const found = await pool.query({
              name: "orders-of-caller",
              text: "SELECT id, username, item, quantity FROM orders WHERE username = $1 ORDER BY id",
              values: [request.caller],
            });
            return found.rows;
          },
        );

        app.post<{ Body: NewOrder }>(
          "/api/orders",
          { schema: { body: newOrder, response: { 201: order } } },
          async (request, reply) => {
            const { item, quantity } = request.body;
            const created = await pool.query({
              name: "create-order",
              text: "INSERT INTO orders (username, item, quantity) VALUES ($1, $2, $3) RETURNING id, username, item, quantity",
              values: [request.caller, item, quantity],
            });
            return reply.code(201).send(created.rows[0]);
          },
        );
      },
    },
    options,
  );
}
