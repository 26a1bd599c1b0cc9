// products: the catalogue. Seeded once with the walkthrough's five products,
// only when the table is empty, under the schema lock so replicas that start
// together seed it exactly once. Adding a product needs no token, as in the
// original service.
import type { FastifyInstance } from "fastify";
import { buildService, type ServiceOptions } from "../shared/app.js";
import { HttpError } from "../shared/errors.js";

export const SEED_PRODUCTS: readonly [string, number][] = [
  ["Laptop", 1200.5],
  ["Mouse", 25.99],
  ["Keyboard", 45.0],
  ["Monitor", 300.0],
  ["Headphones", 75.5],
];

const newProduct = {
  type: "object",
  required: ["name", "price"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: 100 },
    price: { type: "number", minimum: 0, maximum: 1e12 },
  },
} as const;

const product = {
  type: "object",
  properties: { id: { type: "integer" }, name: { type: "string" }, price: { type: "number" } },
} as const;

interface NewProduct {
  name: string;
  price: number;
}

/** At most two decimals, judged on the cents so 25.99 (not exact in binary) passes. */
function hasAtMostTwoDecimals(price: number): boolean {
  return Math.abs(price * 100 - Math.round(price * 100)) < 1e-6;
}

export function createProductsApp(options: ServiceOptions): Promise<FastifyInstance> {
  return buildService(
    {
      name: "products",
      endpoints: ["GET /api/products", "POST /api/products"],
      async setupSchema(client) {
        await client.query(`CREATE TABLE IF NOT EXISTS products (
          id SERIAL PRIMARY KEY,
          name VARCHAR(100),
          price NUMERIC
        )`);
        const names = SEED_PRODUCTS.map(([name]) => name);
        const prices = SEED_PRODUCTS.map(([, price]) => price);
        await client.query(
          `INSERT INTO products (name, price)
           SELECT * FROM unnest($1::varchar[], $2::numeric[])
           WHERE NOT EXISTS (SELECT 1 FROM products)`,
          [names, prices],
        );
      },
      routes(app, { pool }) {
        app.get(
          "/api/products",
          { schema: { response: { 200: { type: "array", items: product } } } },
          async () => {
            const found = await pool.query({
              name: "all-products",
              text: "SELECT id, name, price::float8 AS price FROM products ORDER BY id",
            });
            return found.rows;
          },
        );

        app.post<{ Body: NewProduct }>(
          "/api/products",
          { schema: { body: newProduct, response: { 201: product } } },
          async (request, reply) => {
            const { name, price } = request.body;
            if (!hasAtMostTwoDecimals(price)) throw new HttpError(400, "price has at most two decimals");
            const created = await pool.query(
              "INSERT INTO products (name, price) VALUES ($1, $2) RETURNING id, name, price::float8 AS price",
              [name, price],
            );
            return reply.code(201).send(created.rows[0]);
          },
        );
      },
    },
    options,
  );
}
